//! Deciding how to read a file's columns from its header and the first
//! records: roles that depend on the values, number style, duration
//! units, the kinds of record, and the CSAT scale.

use super::*;

impl FileLoader {
    pub(super) fn make_plan(&mut self, header: &[String]) {
        let mut columns = columns::match_header(header, &self.options);
        let mut notes = Vec::new();

        let number_style = number_style_of(&self.sample, &columns);
        let decimal_comma = number_style == NumberStyle::DecimalComma;
        self.settle_time_or_duration(&mut columns, &mut notes, decimal_comma);
        self.settle_bare_score(&mut columns, &mut notes, number_style);

        let mut units = BTreeMap::new();
        for column in &columns {
            if is_duration_role(column.role) {
                let unit =
                    duration::unit_from_header(&column.header).unwrap_or(DurationUnit::Seconds);
                units.insert(column.index, unit);
            }
        }

        let (kinds, left_out_reason) = kinds_of(&columns);
        if decimal_comma {
            notes.push(ColumnNote {
                column: String::new(),
                note: "numbers use a decimal comma (4,5 = 4.5; 1.250 = 1250)".to_string(),
            });
        }
        if kinds.contains(&FileKind::Tickets) && lacks_creation_time(&columns) {
            let kind = ProblemKind::MissingColumn {
                role: Role::Created.label().to_string(),
            };
            self.problems
                .push(Problem::warning(Location::file(&self.name), kind));
        }
        if kinds.is_empty() {
            self.problems.push(Problem::error(
                Location::file(&self.name),
                ProblemKind::UnknownKind,
            ));
        }

        self.plan = Some(Plan {
            columns,
            kinds,
            left_out_reason,
            number_style,
            csat_scale: None,
            units,
            notes,
        });
    }

    /// Reads a bare `Score` column as CSAT when its sampled values stop at 5
    /// and the file has no other CSAT column. Otherwise it stays NPS.
    fn settle_bare_score(
        &self,
        columns: &mut [ColumnMatch],
        notes: &mut Vec<ColumnNote>,
        style: NumberStyle,
    ) {
        if columns.iter().any(|m| m.role == Role::Csat) {
            return;
        }
        let is_bare = |m: &ColumnMatch| {
            let text = columns::match_text(&m.header);
            m.role == Role::Nps && !m.by_hand && (text == "score" || text == "survey score")
        };
        let Some(column) = columns.iter_mut().find(|m| is_bare(m)) else {
            return;
        };
        let scores: Vec<f64> = sample_values(&self.sample, column.index)
            .iter()
            .filter_map(|v| number::parse_number(v, style))
            .collect();
        let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let text = if !scores.is_empty() && max <= 5.0 {
            column.role = Role::Csat;
            "scores up to 5, read as CSAT"
        } else {
            "read as NPS (0–10)"
        };
        notes.push(note(&column.header, text));
    }

    /// Turns "First Response Time" and "Time to Resolution" into timestamp
    /// roles when the sampled values are dates rather than durations.
    fn settle_time_or_duration(
        &self,
        columns: &mut [ColumnMatch],
        notes: &mut Vec<ColumnNote>,
        decimal_comma: bool,
    ) {
        let switches = [
            (Role::FirstResponseTime, Role::FirstResponseAt),
            (Role::ResolutionTime, Role::ResolvedAt),
        ];
        for (duration_role, stamp_role) in switches {
            if columns.iter().any(|m| m.role == stamp_role) {
                continue;
            }
            let Some(column) = columns
                .iter_mut()
                .find(|m| m.role == duration_role && !m.by_hand)
            else {
                continue;
            };
            let values = sample_values(&self.sample, column.index);
            let stamps = values
                .iter()
                .filter(|v| timestamp::parse_stamp(v).is_some())
                .count();
            let durations = values
                .iter()
                .filter(|v| {
                    duration::parse_duration(v, DurationUnit::Seconds, decimal_comma).is_some()
                })
                .count();
            if stamps > durations {
                column.role = stamp_role;
                notes.push(ColumnNote {
                    column: column.header.clone(),
                    note: format!("holds dates and times, read as {}", stamp_role.label()),
                });
            }
        }
    }
}

/// Finds the kinds of record a file holds, or the reason all its rows are
/// left out. A message or event log is only that, even when it also has a
/// ticket id and a creation time.
fn kinds_of(columns: &[ColumnMatch]) -> (Vec<FileKind>, Option<&'static str>) {
    let has = |role: Role| columns.iter().any(|m| m.role == role);
    let has_any = |roles: &[Role]| roles.iter().any(|r| has(*r));

    let case_id = has_any(&[Role::CaseId, Role::TicketId]);
    let event_time = has_any(&[Role::EventAt, Role::Created, Role::AnsweredAt]);
    if has(Role::Activity) && case_id && event_time {
        return (vec![FileKind::Events], Some(LEFT_OUT_EVENTS));
    }
    let threaded = has_any(&[Role::InResponseTo, Role::Inbound]);
    let in_conversation = has(Role::TicketId) && has_any(&[Role::SenderType, Role::MessageId]);
    if threaded || in_conversation {
        return (vec![FileKind::Messages], Some(LEFT_OUT_MESSAGES));
    }

    let mut kinds = Vec::new();
    let ticket_times = [
        Role::Created,
        Role::FirstResponseAt,
        Role::ResolvedAt,
        Role::ClosedAt,
        Role::FirstResponseTime,
        Role::ResolutionTime,
    ];
    if has_any(&ticket_times) || (has(Role::TicketId) && has(Role::Status)) {
        kinds.push(FileKind::Tickets);
    }
    if has_any(&[Role::Csat, Role::Nps, Role::Ces]) {
        kinds.push(FileKind::Survey);
    }
    if has_any(&[
        Role::TalkTime,
        Role::HandleTime,
        Role::Answered,
        Role::CallId,
    ]) {
        kinds.push(FileKind::Calls);
    }
    if kinds.is_empty() {
        return (kinds, Some(LEFT_OUT_UNKNOWN));
    }
    (kinds, None)
}

/// True when tickets have reply or resolution times but nothing to measure
/// them from: no creation time and no duration column of the export's own.
fn lacks_creation_time(columns: &[ColumnMatch]) -> bool {
    let has = |role: Role| columns.iter().any(|m| m.role == role);
    let ends = has(Role::FirstResponseAt) || has(Role::ResolvedAt) || has(Role::ClosedAt);
    let durations = has(Role::FirstResponseTime) || has(Role::ResolutionTime);
    ends && !has(Role::Created) && !durations
}

fn is_duration_role(role: Role) -> bool {
    matches!(
        role,
        Role::FirstResponseTime
            | Role::ResolutionTime
            | Role::TalkTime
            | Role::HoldTime
            | Role::WrapTime
            | Role::HandleTime
            | Role::WaitTime
    )
}

/// Roles whose cells are numbers, durations or scores, where a decimal
/// comma can appear.
fn is_numeric_role(role: Role) -> bool {
    is_duration_role(role)
        || matches!(
            role,
            Role::Csat | Role::Nps | Role::Ces | Role::Replies | Role::Reopens
        )
}

/// Collects the non-missing values of one column in the sample.
fn sample_values(sample: &[RawRecord], index: usize) -> Vec<&str> {
    sample
        .iter()
        .filter_map(|record| record.fields.get(index))
        .map(|field| field.trim())
        .filter(|text| !number::is_missing(text))
        .collect()
}

/// Guesses the number style from the numeric columns of the sample.
fn number_style_of(sample: &[RawRecord], columns: &[ColumnMatch]) -> NumberStyle {
    let values = columns
        .iter()
        .filter(|m| is_numeric_role(m.role))
        .flat_map(|m| sample_values(sample, m.index));
    number::guess_style(values)
}

/// Finds the CSAT scale from a header hint such as `csat_1_5` or `(1-7)`.
/// Without one, the highest score in the file decides: at most 5 is 1–5,
/// at most 7 is 1–7, and at most 10 is 1–10, or 0–10 when a 0 appears.
/// A 0 beside scores that stop at 5 or 7 is out of scale, and the report
/// flags it. Label ratings and scores above 10 give `None`.
pub(super) fn csat_scale_of(
    header: &str,
    range: Option<(f64, f64)>,
) -> Option<(Scale, &'static str)> {
    if let Some(scale) = scale_from_header(header) {
        return Some((scale, "from the header"));
    }
    let (min, max) = range?;
    let scale = |min, max| Scale { min, max };
    let found = if max <= 5.0 {
        scale(1.0, 5.0)
    } else if max <= 7.0 {
        scale(1.0, 7.0)
    } else if max <= 10.0 && min >= 1.0 {
        scale(1.0, 10.0)
    } else if max <= 10.0 {
        scale(0.0, 10.0)
    } else {
        return None;
    };
    Some((found, "from the values"))
}

/// Reads a scale named in a header: two numbers, the first 0 or 1 and the second
/// 3, 4, 5, 7 or 10, as in `csat_1_5`, `Rating (1-7)`, `ces 1 to 7`.
fn scale_from_header(header: &str) -> Option<Scale> {
    let numbers: Vec<u32> = header
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|part| part.parse().ok())
        .collect();
    numbers.windows(2).find_map(|pair| {
        let (low, high) = (pair[0], pair[1]);
        let plausible = low <= 1 && [3, 4, 5, 7, 10].contains(&high);
        plausible.then_some(Scale {
            min: f64::from(low),
            max: f64::from(high),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csat_scale_from_header_or_values() {
        let scale = |min, max| Some(Scale { min, max });

        assert_eq!(scale_from_header("csat_1_5"), scale(1.0, 5.0));
        assert_eq!(scale_from_header("Rating (1-7)"), scale(1.0, 7.0));
        assert_eq!(scale_from_header("Rating 2024"), None);
        let of = |min, max| csat_scale_of("rating", Some((min, max))).map(|(s, _)| s);
        assert_eq!(of(1.0, 5.0), scale(1.0, 5.0));
        assert_eq!(of(0.0, 5.0), scale(1.0, 5.0), "0 is out of a 1–5 scale");
        assert_eq!(of(2.0, 7.0), scale(1.0, 7.0));
        assert_eq!(of(1.0, 9.0), scale(1.0, 10.0));
        assert_eq!(of(0.0, 10.0), scale(0.0, 10.0));
        assert_eq!(of(1.0, 11.0), None);
        assert_eq!(
            csat_scale_of("csat_1_5", Some((0.0, 10.0))).map(|(s, _)| s),
            scale(1.0, 5.0)
        );
        assert_eq!(csat_scale_of("rating", None), None);
    }
}
