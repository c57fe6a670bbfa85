//! Reading one row's cells into a ticket, a survey response and a call,
//! and the small parsers for flags, statuses and rating labels.

use super::*;

/// One row being read, with access to the loader for problems and
/// pending dates.
pub(super) struct Cells<'a> {
    pub(super) loader: &'a mut FileLoader,
    pub(super) plan: &'a Plan,
    pub(super) header: &'a [String],
    pub(super) record: &'a RawRecord,
    pub(super) row: usize,
}

impl Cells<'_> {
    /// Returns the column index and trimmed text of a role's cell. It is
    /// `None` when the file has no such column, the row is short, or the
    /// cell is missing.
    fn cell(&self, role: Role) -> Option<(usize, &str)> {
        let index = self.plan.column(role)?;
        let text = self.record.fields.get(index)?.trim();
        if number::is_missing(text) {
            return None;
        }
        Some((index, text))
    }

    fn text(&self, role: Role) -> Option<String> {
        self.cell(role).map(|(_, text)| text.to_string())
    }

    fn location(&self, index: usize) -> Location {
        let column = self.header.get(index).map(String::as_str).unwrap_or("");
        Location::cell(&self.loader.name, self.record.line, column)
    }

    fn error(&mut self, index: usize, tag: &'static str, kind: ProblemKind) {
        let problem = Problem::error(self.location(index), kind);
        self.loader.report(Some(index), tag, problem);
    }

    pub(super) fn dims(&self) -> Dims {
        Dims {
            channel: self.text(Role::Channel),
            team: self.text(Role::Team),
            agent: self.text(Role::Agent).map(|agent| agent_name(&agent)),
            product: self.text(Role::Product),
            priority: self.text(Role::Priority),
        }
    }

    pub(super) fn ticket(&mut self, dims: &Dims) -> Option<Ticket> {
        let status = self.text(Role::Status);
        let state = match &status {
            Some(text) => {
                let state = ticket_state(text);
                if state == TicketState::Unknown && self.loader.unknown_statuses.len() < 20 {
                    self.loader.unknown_statuses.insert(text.clone());
                }
                state
            }
            None => TicketState::Unknown,
        };
        let ticket = Ticket {
            line: self.record.line,
            id: self.text(Role::TicketId),
            created: self.stamp(Role::Created, StampField::Created),
            first_response_at: self.stamp(Role::FirstResponseAt, StampField::FirstResponseAt),
            first_response_secs: self.duration(Role::FirstResponseTime),
            resolved_at: self.stamp(Role::ResolvedAt, StampField::ResolvedAt),
            closed_at: self.stamp(Role::ClosedAt, StampField::ClosedAt),
            resolution_secs: self.duration(Role::ResolutionTime),
            status,
            state,
            replies: self.count(Role::Replies),
            reopens: self.count(Role::Reopens),
            one_touch: self.flag(Role::OneTouch),
            customer_interactions: self.count(Role::CustomerInteractions),
            dims: dims.clone(),
        };

        let pending = self.loader.dates.last().is_some_and(|d| d.row == self.row);
        let has_key = ticket.id.is_some()
            || ticket.status.is_some()
            || ticket.created.is_some()
            || ticket.first_response_at.is_some()
            || ticket.resolved_at.is_some()
            || ticket.closed_at.is_some()
            || ticket.first_response_secs.is_some()
            || ticket.resolution_secs.is_some()
            || pending;
        has_key.then_some(ticket)
    }

    pub(super) fn survey(&mut self, dims: &Dims) -> Option<SurveyResponse> {
        let response = SurveyResponse {
            line: self.record.line,
            answered_at: self.answered_at(),
            ticket_id: self.text(Role::TicketId),
            csat: self.rating(),
            nps: self.number(Role::Nps),
            ces: self.number(Role::Ces),
            dims: dims.clone(),
        };
        let answered = response.csat.is_some() || response.nps.is_some() || response.ces.is_some();
        if !answered {
            // A pending date of an unanswered survey has no record to fill.
            // The survey's date is read after the ticket's, so it is last.
            let last = self.loader.dates.last();
            let own =
                |d: &PendingDate| d.row == self.row && matches!(d.field, StampField::AnsweredAt);
            if last.is_some_and(own) {
                self.loader.dates.pop();
            }
        }
        answered.then_some(response)
    }

    /// Reads when a survey was answered. A survey export without an
    /// answered-at column may date its rows in a `Date` or `Start` column
    /// instead. In a ticket or call file such columns belong to the ticket
    /// or call, whose time the response takes later.
    fn answered_at(&mut self) -> Option<Stamp> {
        let kinds = &self.plan.kinds;
        if self.plan.has(Role::AnsweredAt) {
            return self.stamp(Role::AnsweredAt, StampField::AnsweredAt);
        }
        if kinds.contains(&FileKind::Tickets) || kinds.contains(&FileKind::Calls) {
            return None;
        }
        if self.plan.has(Role::CallStart) {
            return self.stamp(Role::CallStart, StampField::AnsweredAt);
        }
        self.call_date_and_time(StampField::AnsweredAt)
    }

    pub(super) fn call(&mut self, dims: &Dims) -> Option<Call> {
        let call_roles = [
            Role::CallId,
            Role::CallStart,
            Role::CallDate,
            Role::Answered,
            Role::TalkTime,
            Role::HoldTime,
            Role::WrapTime,
            Role::HandleTime,
            Role::WaitTime,
            Role::CallResolved,
            Role::Abandoned,
        ];
        let has_value = call_roles.iter().any(|role| self.cell(*role).is_some());

        let started = match self.plan.has(Role::CallStart) {
            true => self.stamp(Role::CallStart, StampField::CallStarted),
            false => self.call_date_and_time(StampField::CallStarted),
        };
        let talk_secs = self.duration(Role::TalkTime);
        let talk_present = self.cell(Role::TalkTime).is_some();
        // An empty hold or wrap-up beside a talk time means none took place;
        // without a talk time (a missed call) it stays unknown.
        let part = |cells: &mut Self, role: Role| match cells.cell(role) {
            None if talk_present && cells.plan.has(role) => Some(0.0),
            _ => cells.duration(role),
        };
        let hold_secs = part(self, Role::HoldTime);
        let wrap_secs = part(self, Role::WrapTime);

        let call = Call {
            line: self.record.line,
            id: self.text(Role::CallId),
            started,
            answered: self.answered(),
            talk_secs,
            hold_secs,
            wrap_secs,
            handle_secs: self.duration(Role::HandleTime),
            wait_secs: self.duration(Role::WaitTime),
            resolved: self.flag(Role::CallResolved),
            dims: dims.clone(),
        };
        has_value.then_some(call)
    }
}

// Reading single cells.
impl Cells<'_> {
    /// Reads a timestamp cell. Numeric dates with an undecided day/month order
    /// are kept aside and filled in when the whole column has been seen.
    fn stamp(&mut self, role: Role, field: StampField) -> Option<Stamp> {
        let (index, text) = self.cell(role)?;
        let text = text.to_string();
        let Some(parsed) = timestamp::parse_stamp(&text) else {
            self.error(index, "timestamp", not_a_timestamp(&text));
            return None;
        };
        self.settle_stamp(index, field, &text, parsed, None)
    }

    fn settle_stamp(
        &mut self,
        index: usize,
        field: StampField,
        text: &str,
        parsed: ParsedStamp,
        time_of_day: Option<NaiveTime>,
    ) -> Option<Stamp> {
        let column = self.loader.stamp_columns.entry(index).or_default();
        match parsed {
            ParsedStamp::Instant(instant) => {
                match unix_digits(text) {
                    Some(digits) if digits >= 13 => column.unix_millis += 1,
                    Some(_) => column.unix_seconds += 1,
                    None => {}
                }
                Some(Stamp::Utc(instant))
            }
            ParsedStamp::Local(local) => {
                // The cell settled its own order (`29-02-2016`), which
                // settles it for the column's undecided dates too.
                if let Some((first, second)) = numeric_date_parts(text) {
                    let (day, month) = (local.day(), local.month());
                    let day_first = first == day && second == month;
                    let month_first = first == month && second == day;
                    column.day_first_seen |= day_first && first > 12;
                    column.month_first_seen |= month_first && second > 12;
                    let order = match (day_first, month_first) {
                        (true, false) => Some(DateOrder::DayFirst),
                        (false, true) => Some(DateOrder::MonthFirst),
                        _ => None,
                    };
                    if let (None, Some(order)) = (&column.settled_example, order) {
                        column.settled_example = Some((text.to_string(), local.date(), order));
                    }
                }
                Self::with_time_of_day(local, time_of_day)
            }
            ParsedStamp::DayMonth {
                first,
                second,
                year,
                time,
            } => {
                column.day_first_seen |= first > 12;
                column.month_first_seen |= second > 12;
                column.dotted |= text.contains('.');
                if column.example.is_none() && first <= 12 && second <= 12 {
                    column.example = Some(text.to_string());
                }
                self.loader.dates.push(PendingDate {
                    row: self.row,
                    field,
                    column: index,
                    line: self.record.line,
                    text: text.to_string(),
                    first,
                    second,
                    year,
                    time: time_of_day.unwrap_or(time),
                });
                None
            }
        }
    }

    fn with_time_of_day(local: NaiveDateTime, time_of_day: Option<NaiveTime>) -> Option<Stamp> {
        match time_of_day {
            Some(time) => Some(Stamp::Local(local.date().and_time(time))),
            None => Some(Stamp::Local(local)),
        }
    }

    /// Reads a call's start from a date column and an optional time-of-day
    /// column, such as `Date` = `2021-01-01` and `Time` = `9:12:58`.
    fn call_date_and_time(&mut self, field: StampField) -> Option<Stamp> {
        let time_of_day = match self.cell(Role::CallTime) {
            Some((index, text)) => {
                let text = text.to_string();
                let time = timestamp::parse_time_of_day(&text);
                if time.is_none() {
                    let kind = ProblemKind::NotATimestamp {
                        value: text,
                        expected: "a time of day such as 9:12:58 or 3:45 PM".to_string(),
                    };
                    self.error(index, "time of day", kind);
                }
                time
            }
            None => None,
        };
        let (index, text) = self.cell(Role::CallDate)?;
        let text = text.to_string();
        let Some(parsed) = timestamp::parse_stamp(&text) else {
            self.error(index, "timestamp", not_a_timestamp(&text));
            return None;
        };
        self.settle_stamp(index, field, &text, parsed, time_of_day)
    }

    /// Reads a duration cell in seconds. A two-part value such as `04:10` is
    /// read as the user chose, or held back with a warning.
    fn duration(&mut self, role: Role) -> Option<f64> {
        let (index, text) = self.cell(role)?;
        let text = text.to_string();
        let unit = self
            .plan
            .units
            .get(&index)
            .copied()
            .unwrap_or(DurationUnit::Seconds);
        let decimal_comma = self.plan.number_style == NumberStyle::DecimalComma;
        match duration::parse_duration(&text, unit, decimal_comma) {
            Some(ParsedDuration::Seconds(seconds)) => Some(seconds),
            Some(ParsedDuration::Ambiguous {
                as_min_sec,
                as_hour_min,
            }) => match self.loader.options.two_part_duration {
                TwoPartDuration::MinutesSeconds => Some(as_min_sec),
                TwoPartDuration::HoursMinutes => Some(as_hour_min),
                TwoPartDuration::Ask => {
                    let kind = ProblemKind::AmbiguousDuration {
                        value: text,
                        as_min_sec,
                        as_hour_min,
                    };
                    let problem = Problem::warning(self.location(index), kind);
                    self.loader
                        .report(Some(index), "ambiguous duration", problem);
                    None
                }
            },
            None => {
                let kind = ProblemKind::NotADuration {
                    value: text,
                    expected: duration::EXPECTED.to_string(),
                };
                self.error(index, "duration", kind);
                None
            }
        }
    }

    fn number(&mut self, role: Role) -> Option<f64> {
        let (index, text) = self.cell(role)?;
        let text = text.to_string();
        let parsed = number::parse_number(&text, self.plan.number_style);
        if parsed.is_none() {
            let kind = ProblemKind::NotANumber {
                value: text,
                expected: expected_number(self.plan.number_style).to_string(),
            };
            self.error(index, "number", kind);
        }
        parsed
    }

    /// Reads a whole count such as replies or reopens.
    fn count(&mut self, role: Role) -> Option<u32> {
        let (index, text) = self.cell(role)?;
        let text = text.to_string();
        let value = number::parse_number(&text, self.plan.number_style);
        let whole = value.filter(|v| *v >= 0.0 && v.fract() == 0.0 && *v <= f64::from(u32::MAX));
        match whole {
            // The filter above keeps only whole numbers within u32.
            Some(v) => Some(v as u32),
            None => {
                let kind = ProblemKind::NotANumber {
                    value: text,
                    expected: "a whole number of 0 or more".to_string(),
                };
                self.error(index, "count", kind);
                None
            }
        }
    }

    /// Reads whether the call was answered, from an answered flag or else
    /// from an abandoned flag.
    fn answered(&mut self) -> Option<bool> {
        if self.plan.has(Role::Answered) {
            return self.flag(Role::Answered);
        }
        self.flag(Role::Abandoned).map(|abandoned| !abandoned)
    }

    fn flag(&mut self, role: Role) -> Option<bool> {
        let (index, text) = self.cell(role)?;
        let text = text.to_string();
        let value = parse_flag(&text);
        if value.is_none() {
            let kind = ProblemKind::Other {
                value: text,
                message: "is not a yes/no value (expected Y/N, yes/no, true/false or 1/0)"
                    .to_string(),
            };
            self.error(index, "flag", kind);
        }
        value
    }

    /// Reads a CSAT cell: a score, a known label, or nothing for Zendesk's
    /// `Offered` and `Not Offered`, which mark surveys without an answer.
    fn rating(&mut self) -> Option<Rating> {
        let (index, text) = self.cell(Role::Csat)?;
        let text = text.to_string();
        if let Some(score) = number::parse_number(&text, self.plan.number_style) {
            let range = self.loader.csat_range.get_or_insert((score, score));
            *range = (range.0.min(score), range.1.max(score));
            return Some(Rating::Score(score));
        }
        let folded = columns::match_text(&text);
        if folded == "offered" || folded == "not offered" {
            *self.loader.not_answered_ratings.entry(text).or_insert(0) += 1;
            return None;
        }
        match sentiment_of(&text) {
            Some(sentiment) => Some(Rating::Label { text, sentiment }),
            None => {
                self.error(index, "rating", ProblemKind::UnknownRating { value: text });
                None
            }
        }
    }
}

/// Returns the first two numbers of a numeric date such as `29-02-2016 01:16` or
/// `03.06.2024`; `None` for other text.
fn numeric_date_parts(text: &str) -> Option<(u32, u32)> {
    let mut parts = text.trim().splitn(3, ['-', '/', '.']);
    let first = parts.next()?;
    let second = parts.next()?;
    let year: String = parts
        .next()?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let short = |s: &str| (1..=2).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit());
    if !short(first) || !short(second) || !(year.len() == 2 || year.len() == 4) {
        return None;
    }
    Some((first.parse().ok()?, second.parse().ok()?))
}

pub(super) fn not_a_timestamp(text: &str) -> ProblemKind {
    ProblemKind::NotATimestamp {
        value: text.to_string(),
        expected: timestamp::EXPECTED.to_string(),
    }
}

fn expected_number(style: NumberStyle) -> &'static str {
    match style {
        NumberStyle::DecimalPoint => "a number such as 4 or 4.5",
        NumberStyle::DecimalComma => "a number such as 4 or 4,5",
    }
}

/// Counts the digits when the text is a plain integer, as Unix times are
/// written.
fn unix_digits(text: &str) -> Option<usize> {
    let digits = text.trim();
    let all_digits = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
    all_digits.then_some(digits.len())
}

/// Parses yes/no cells in the forms exports use, in English, French, German,
/// Spanish, Dutch and Portuguese.
fn parse_flag(text: &str) -> Option<bool> {
    let folded = columns::match_text(text);
    match folded.as_str() {
        "y" | "yes" | "true" | "1" | "oui" | "ja" | "j" | "si" | "sim" | "t" => Some(true),
        "n" | "no" | "false" | "0" | "non" | "nein" | "nee" | "nao" | "f" => Some(false),
        _ => None,
    }
}

/// Maps status text to the ticket's state. Merged and duplicate come
/// first, then closed (a cancelled ticket needs no more work, so it is
/// closed rather than open), then solved and resolved, then the words of
/// work still to do.
fn ticket_state(text: &str) -> TicketState {
    let folded = columns::match_text(text);
    let has = |words: &[&str]| words.iter().any(|w| contains_words(&folded, w));
    if has(&[
        "merged",
        "duplicate",
        "zusammengefuhrt",
        "samengevoegd",
        "fusionne",
    ]) {
        return TicketState::Merged;
    }
    let closed = [
        "closed",
        "cancelled",
        "canceled",
        "cerrada",
        "cerrado",
        "geschlossen",
        "ferme",
        "gesloten",
        "fechado",
        "done",
        "completed",
    ];
    if has(&closed) {
        return TicketState::Closed;
    }
    let resolved = [
        "solved",
        "resolved",
        "resuelta",
        "resuelto",
        "gelost",
        "resolu",
        "opgelost",
        "resolvido",
    ];
    if has(&resolved) {
        return TicketState::Resolved;
    }
    let open = [
        "open",
        "new",
        "pending",
        "hold",
        "on hold",
        "in progress",
        "assigned",
        "waiting",
        "awaiting",
        "active",
        "reopened",
        "escalated",
        "abierta",
        "abierto",
        "nueva",
        "en curso",
        "offen",
        "neu",
        "in bearbeitung",
        "ouvert",
        "nouveau",
        "en cours",
        "en attente",
        "nieuw",
        "in behandeling",
        "aberto",
        "novo",
        "em andamento",
    ];
    if has(&open) {
        return TicketState::Open;
    }
    TicketState::Unknown
}

fn contains_words(text: &str, phrase: &str) -> bool {
    let words: Vec<&str> = text.split(' ').collect();
    let wanted: Vec<&str> = phrase.split(' ').collect();
    words
        .windows(wanted.len())
        .any(|window| window == wanted.as_slice())
}

/// Finds the sentiment of a rating label, for the labels help desks and survey tools
/// use; `None` for text the loader does not know.
fn sentiment_of(text: &str) -> Option<Sentiment> {
    match text.trim() {
        "👍" | "🙂" | "😀" | "😊" => return Some(Sentiment::Positive),
        "😐" => return Some(Sentiment::Neutral),
        "👎" | "🙁" | "😞" | "😡" => return Some(Sentiment::Negative),
        _ => {}
    }
    let folded = columns::match_text(text);
    let positive = [
        "good",
        "great",
        "satisfied",
        "very satisfied",
        "happy",
        "very happy",
        "excellent",
        "very good",
        "amazing",
        "positive",
        "thumbs up",
        "awesome",
        "extremely happy",
        "extremely satisfied",
    ];
    let neutral = ["okay", "ok", "just okay", "neutral", "average", "fair"];
    let negative = [
        "bad",
        "not good",
        "dissatisfied",
        "very dissatisfied",
        "unsatisfied",
        "very unsatisfied",
        "unhappy",
        "very unhappy",
        "poor",
        "very poor",
        "terrible",
        "very bad",
        "negative",
        "thumbs down",
        "awful",
        "extremely unhappy",
        "extremely dissatisfied",
    ];
    if positive.contains(&folded.as_str()) {
        Some(Sentiment::Positive)
    } else if neutral.contains(&folded.as_str()) {
        Some(Sentiment::Neutral)
    } else if negative.contains(&folded.as_str()) {
        Some(Sentiment::Negative)
    } else {
        None
    }
}

/// Extracts the name from a Chatwoot-style agent cell `Name (email)`; other cells
/// unchanged.
fn agent_name(cell: &str) -> String {
    let Some(open) = cell.rfind('(') else {
        return cell.to_string();
    };
    let inside = &cell[open..];
    let name = cell[..open].trim();
    if inside.ends_with(')') && inside.contains('@') && !name.is_empty() {
        return name.to_string();
    }
    cell.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_words_map_to_states() {
        let cases = [
            ("Pending Customer Response", TicketState::Open),
            ("on-hold", TicketState::Open),
            ("Awaiting User Info", TicketState::Open),
            ("In Progress", TicketState::Open),
            ("Resolved", TicketState::Resolved),
            ("solved", TicketState::Resolved),
            ("Closed", TicketState::Closed),
            ("Cancelled", TicketState::Closed),
            ("Closed - Merged", TicketState::Merged),
            ("Duplicate", TicketState::Merged),
            ("Geschlossen", TicketState::Closed),
            ("banana", TicketState::Unknown),
        ];
        for (text, state) in cases {
            assert_eq!(ticket_state(text), state, "{text}");
        }
    }

    #[test]
    fn flags_in_several_languages() {
        for yes in ["Y", "yes", "TRUE", "1", "oui", "Ja", "sí"] {
            assert_eq!(parse_flag(yes), Some(true), "{yes}");
        }
        for no in ["N", "No", "false", "0", "non", "nein"] {
            assert_eq!(parse_flag(no), Some(false), "{no}");
        }
        assert_eq!(parse_flag("maybe"), None);
    }

    #[test]
    fn rating_labels_and_agent_names() {
        assert_eq!(sentiment_of("Very satisfied"), Some(Sentiment::Positive));
        assert_eq!(sentiment_of("👍"), Some(Sentiment::Positive));
        assert_eq!(sentiment_of("Neutral"), Some(Sentiment::Neutral));
        assert_eq!(sentiment_of("Not Good"), Some(Sentiment::Negative));
        assert_eq!(sentiment_of("Very dissatisfied"), Some(Sentiment::Negative));
        assert_eq!(sentiment_of("Offered"), None);

        assert_eq!(agent_name("Ana Ruiz (ana@example.com)"), "Ana Ruiz");
        assert_eq!(agent_name("Team (night)"), "Team (night)");
    }
}
