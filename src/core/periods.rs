//! Periods: cutting local dates into days, ISO weeks, months and quarters,
//! labelling them, the change from one period to the next, and the series
//! of figures per period.
//!
//! Periods are cut in the report's time zone. Each record lands in the
//! period of its cohort date: tickets by creation for volume, SLA and
//! reopen rate, by resolution for resolved volume and FCR, and by the
//! settings' cohorts for first response and resolution time; survey
//! responses by answer time; calls by start time. The backlog of a period
//! is the tickets open at its end.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};

use crate::core::calls::CallFacts;
use crate::core::format;
use crate::core::report::{figures, Context, Kpi, PeriodRow, Records, Series};
use crate::core::settings::Period;
use crate::core::survey::SurveyFacts;
use crate::core::tickets::{BacklogSweep, TicketFacts};

/// Maximum number of rows in a series. A longer span keeps its latest
/// periods, so that a stray date decades away cannot flood the page.
pub const MAX_ROWS: usize = 1000;

/// Computes the figures per period, from the first to the last period with any
/// record (or over the settings' range), empty periods included.
///
/// The period before the first row is computed too, unseen, so that the
/// first row has a change as well.
pub fn series(
    tickets: &[TicketFacts],
    surveys: &[SurveyFacts],
    calls: &[CallFacts],
    context: &Context,
) -> Series {
    let period = context.settings.period;
    let zone = &context.zone;
    // An open end of the range takes the records' first or last date.
    let records = record_span(tickets, surveys, calls)
        .map(|(first, last)| (zone.local_date(first), zone.local_date(last)));
    let span = match context.settings.range {
        Some(range) => match (range.start(), range.end()) {
            (Some(first), Some(last)) => Some((first, last)),
            (first, last) => records.map(|(records_first, records_last)| {
                (first.unwrap_or(records_first), last.unwrap_or(records_last))
            }),
        },
        None => records,
    };
    let span = span.filter(|(first, last)| first <= last);
    let Some((first, last)) = span else {
        return Series {
            period,
            kpis: Vec::new(),
            rows: Vec::new(),
        };
    };

    let shown = starts_between(period, first, last, MAX_ROWS);
    let mut starts = Vec::with_capacity(shown.len() + 1);
    if let Some(&first_shown) = shown.first() {
        starts.push(previous_start(period, first_shown));
    }
    starts.extend(shown);
    let buckets = bucket_records(&starts, tickets, surveys, calls, context);

    let sweep = BacklogSweep::new(tickets);
    let mut rows: Vec<PeriodRow> = starts
        .iter()
        .zip(&buckets)
        .map(|(&start, records)| {
            let mut row_figures = figures(records, context);
            let end = zone.start_of_day(next_start(period, start));
            for figure in &mut row_figures {
                if figure.kpi == Kpi::Backlog {
                    *figure = sweep.figure(end, context);
                }
            }
            PeriodRow {
                start,
                label: label(period, start),
                figures: row_figures,
                changes: Vec::new(),
                change_display: Vec::new(),
            }
        })
        .collect();

    for index in 1..rows.len() {
        let changes = rows[index]
            .figures
            .iter()
            .zip(&rows[index - 1].figures)
            .map(|(current, previous)| percent_change(previous.value, current.value))
            .collect();
        let shown = rows[index]
            .figures
            .iter()
            .zip(&rows[index - 1].figures)
            .map(|(current, previous)| {
                format::period_change(current.kpi.unit(), previous.value, current.value)
            })
            .collect();
        rows[index].changes = changes;
        rows[index].change_display = shown;
    }
    // The unseen period before the first row was only there for changes.
    rows.remove(0);

    let kpis: Vec<Kpi> = Kpi::ALL
        .iter()
        .copied()
        .filter(|&kpi| {
            rows.iter()
                .flat_map(|row| row.figures.iter())
                .any(|figure| figure.kpi == kpi && figure.value.is_some())
        })
        .collect();
    for row in &mut rows {
        let kept: Vec<bool> = row.figures.iter().map(|f| kpis.contains(&f.kpi)).collect();
        let mut keep = kept.iter();
        row.figures
            .retain(|_| keep.next().copied().unwrap_or(false));
        let mut keep = kept.iter();
        row.changes
            .retain(|_| keep.next().copied().unwrap_or(false));
        let mut keep = kept.iter();
        row.change_display
            .retain(|_| keep.next().copied().unwrap_or(false));
    }
    Series { period, kpis, rows }
}

/// Returns the earliest and latest cohort instants of any record.
fn record_span(
    tickets: &[TicketFacts],
    surveys: &[SurveyFacts],
    calls: &[CallFacts],
) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let ticket_times = tickets
        .iter()
        .flat_map(|ticket| [ticket.created.at(), ticket.resolved.at()]);
    let survey_times = surveys.iter().map(|response| response.answered.at());
    let call_times = calls.iter().map(|call| call.started.at());
    let mut times = ticket_times.chain(survey_times).chain(call_times).flatten();
    let first = times.next()?;
    Some(times.fold((first, first), |(low, high), time| {
        (low.min(time), high.max(time))
    }))
}

/// Puts each record into the period of its cohort date; records outside
/// every period are dropped.
fn bucket_records<'r, 'a>(
    starts: &[NaiveDate],
    tickets: &'r [TicketFacts<'a>],
    surveys: &'r [SurveyFacts<'a>],
    calls: &'r [CallFacts<'a>],
    context: &Context,
) -> Vec<Records<'r, 'a>> {
    let period = context.settings.period;
    let index: HashMap<NaiveDate, usize> = starts
        .iter()
        .enumerate()
        .map(|(position, &start)| (start, position))
        .collect();
    let position = |time: Option<DateTime<Utc>>| {
        let date = context.zone.local_date(time?);
        index.get(&period_start(period, date)).copied()
    };

    let mut buckets: Vec<Records> = starts.iter().map(|_| Records::default()).collect();
    for ticket in tickets {
        if let Some(slot) = position(ticket.created.at()) {
            buckets[slot].created.push(ticket);
        }
        if let Some(slot) = position(ticket.resolved.at()) {
            buckets[slot].resolved.push(ticket);
        }
        if let Some(slot) = position(ticket.frt_cohort_at) {
            buckets[slot].first_response.push(ticket);
        }
        if let Some(slot) = position(ticket.resolution_cohort_at) {
            buckets[slot].resolution.push(ticket);
        }
    }
    for response in surveys {
        if let Some(slot) = position(response.answered.at()) {
            buckets[slot].surveys.push(response);
        }
    }
    for call in calls {
        if let Some(slot) = position(call.started.at()) {
            buckets[slot].calls.push(call);
        }
    }
    buckets
}

/// Returns the first day of the period that contains `date`. Weeks start on
/// Monday, as ISO 8601 weeks do.
pub fn period_start(period: Period, date: NaiveDate) -> NaiveDate {
    match period {
        Period::Day => date,
        Period::Week => {
            let back = u64::from(date.weekday().num_days_from_monday());
            date.checked_sub_days(Days::new(back)).unwrap_or(date)
        }
        Period::Month => date.with_day(1).unwrap_or(date),
        Period::Quarter => {
            let first_month = (date.month0() / 3) * 3 + 1;
            NaiveDate::from_ymd_opt(date.year(), first_month, 1).unwrap_or(date)
        }
    }
}

/// Returns the first day of the period after the one starting at `start`.
pub fn next_start(period: Period, start: NaiveDate) -> NaiveDate {
    let next = match period {
        Period::Day => start.checked_add_days(Days::new(1)),
        Period::Week => start.checked_add_days(Days::new(7)),
        Period::Month => start.checked_add_months(Months::new(1)),
        Period::Quarter => start.checked_add_months(Months::new(3)),
    };
    // Only the last representable date has no successor.
    next.unwrap_or(NaiveDate::MAX)
}

/// Returns the first day of the period before the one starting at `start`.
pub fn previous_start(period: Period, start: NaiveDate) -> NaiveDate {
    let previous = match period {
        Period::Day => start.checked_sub_days(Days::new(1)),
        Period::Week => start.checked_sub_days(Days::new(7)),
        Period::Month => start.checked_sub_months(Months::new(1)),
        Period::Quarter => start.checked_sub_months(Months::new(3)),
    };
    previous.unwrap_or(NaiveDate::MIN)
}

/// Returns the label of the period starting at `start`: `2024-03-04`, `2024-W09`,
/// `2024-03` or `2024-Q1`. A week belongs to the ISO year of its Thursday,
/// so 30 December 2024 starts `2025-W01`.
pub fn label(period: Period, start: NaiveDate) -> String {
    match period {
        Period::Day => start.format("%Y-%m-%d").to_string(),
        Period::Week => {
            let week = start.iso_week();
            format!("{}-W{:02}", week.year(), week.week())
        }
        Period::Month => start.format("%Y-%m").to_string(),
        Period::Quarter => format!("{}-Q{}", start.year(), start.month0() / 3 + 1),
    }
}

/// Lists the starts of every period from the one containing `first` to the one
/// containing `last`, empty periods included, at most `limit` of them
/// (the latest ones are kept).
pub fn starts_between(
    period: Period,
    first: NaiveDate,
    last: NaiveDate,
    limit: usize,
) -> Vec<NaiveDate> {
    // Walking back from the end stops after `limit` periods, so a stray
    // date centuries away costs no more than a normal span.
    let first = period_start(period, first);
    let mut starts = Vec::new();
    let mut start = period_start(period, last);
    while start >= first && starts.len() < limit {
        starts.push(start);
        let previous = previous_start(period, start);
        if previous >= start {
            break;
        }
        start = previous;
    }
    starts.reverse();
    starts
}

/// The change from `previous` to `current` in percent of `previous`;
/// `None` when either is missing or `previous` is 0, because a change
/// from nothing has no percentage.
///
/// ```
/// use service_kpis::core::periods::percent_change;
/// assert_eq!(percent_change(Some(2.0), Some(0.0)), Some(-100.0));
/// assert_eq!(percent_change(Some(0.0), Some(3.0)), None);
/// ```
pub fn percent_change(previous: Option<f64>, current: Option<f64>) -> Option<f64> {
    let (previous, current) = (previous?, current?);
    if previous == 0.0 || !previous.is_finite() || !current.is_finite() {
        return None;
    }
    Some((current - previous) / previous.abs() * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn week_starts_on_monday() {
        // 3 March 2024 is a Sunday; its ISO week began Monday 26 February.
        assert_eq!(
            period_start(Period::Week, date(2024, 3, 3)),
            date(2024, 2, 26)
        );
    }

    #[test]
    fn week_label_is_iso_week() {
        // 26 February 2024 is in ISO week 9.
        assert_eq!(label(Period::Week, date(2024, 2, 26)), "2024-W09");
    }

    #[test]
    fn week_across_year_end_takes_thursdays_year() {
        // Monday 30 December 2024: its Thursday is 2 January 2025, so the
        // week is 2025-W01.
        let start = period_start(Period::Week, date(2025, 1, 1));

        assert_eq!(start, date(2024, 12, 30));
        assert_eq!(label(Period::Week, start), "2025-W01");
    }

    #[test]
    fn week_53_belongs_to_previous_year() {
        // 1 January 2021 is a Friday in ISO week 53 of 2020, which began
        // Monday 28 December 2020.
        let start = period_start(Period::Week, date(2021, 1, 1));

        assert_eq!(start, date(2020, 12, 28));
        assert_eq!(label(Period::Week, start), "2020-W53");
    }

    #[test]
    fn quarter_labels() {
        assert_eq!(
            label(
                Period::Quarter,
                period_start(Period::Quarter, date(2024, 3, 31))
            ),
            "2024-Q1"
        );
        assert_eq!(
            label(
                Period::Quarter,
                period_start(Period::Quarter, date(2024, 4, 1))
            ),
            "2024-Q2"
        );
        assert_eq!(
            label(
                Period::Quarter,
                period_start(Period::Quarter, date(2024, 12, 31))
            ),
            "2024-Q4"
        );
    }

    #[test]
    fn quarter_starts_on_first_month() {
        assert_eq!(
            period_start(Period::Quarter, date(2024, 8, 19)),
            date(2024, 7, 1)
        );
    }

    #[test]
    fn month_label() {
        assert_eq!(label(Period::Month, date(2024, 3, 1)), "2024-03");
    }

    #[test]
    fn starts_between_includes_empty_periods() {
        // January to April: four months, February and March included
        // even though nothing happened in them.
        let starts = starts_between(Period::Month, date(2024, 1, 20), date(2024, 4, 2), 100);

        assert_eq!(
            starts,
            vec![
                date(2024, 1, 1),
                date(2024, 2, 1),
                date(2024, 3, 1),
                date(2024, 4, 1)
            ]
        );
    }

    #[test]
    fn starts_between_keeps_latest_when_limited() {
        let starts = starts_between(Period::Day, date(2024, 1, 1), date(2024, 1, 10), 3);

        assert_eq!(
            starts,
            vec![date(2024, 1, 8), date(2024, 1, 9), date(2024, 1, 10)]
        );
    }

    #[test]
    fn starts_between_far_apart_dates_stays_bounded() {
        // From year 1 to 2024 by day would be over 700 000 periods.
        let starts = starts_between(Period::Day, date(1, 1, 1), date(2024, 1, 10), 2);

        assert_eq!(starts, vec![date(2024, 1, 9), date(2024, 1, 10)]);
    }

    #[test]
    fn previous_start_of_month() {
        assert_eq!(
            previous_start(Period::Month, date(2024, 4, 1)),
            date(2024, 3, 1)
        );
    }

    #[test]
    fn change_from_two_to_zero_is_minus_hundred() {
        assert_eq!(percent_change(Some(2.0), Some(0.0)), Some(-100.0));
    }

    #[test]
    fn change_from_zero_is_none() {
        assert_eq!(percent_change(Some(0.0), Some(0.0)), None);
        assert_eq!(percent_change(None, Some(1.0)), None);
    }

    #[test]
    fn change_from_negative_uses_magnitude() {
        // NPS from -20 to -10 rose by 10 points, +50 % of 20.
        assert_eq!(percent_change(Some(-20.0), Some(-10.0)), Some(50.0));
    }
}
