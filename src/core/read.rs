//! Reading CSV bytes in chunks: text decoding, delimiter sniffing and
//! splitting into records with their physical line numbers.
//!
//! Built on `csv-core`, the push parser of the `csv` crate, so a file can be
//! fed a chunk at a time (from a `Blob` slice or a worker) without keeping
//! its text. The reader buffers the chunks up to the first [`SNIFF_BYTES`]
//! to choose the dialect, and after that keeps only the pending partial
//! record. Blank lines are skipped. Fields that are not valid UTF-8 are
//! decoded as Windows-1252 and reported. A file with a UTF-16 byte-order
//! mark is converted to UTF-8 first.
//!
//! Column names and types are the loader's concern: ragged rows come back
//! as they are, and the loader decides about them.
//!
//! # Line ends
//!
//! The line end is chosen once, from the sniffed bytes:
//!
//! - If they contain a line feed, records end at LF only and the CR of a
//!   CRLF is dropped from the record's last field. A lone CR inside
//!   unquoted text is then data, not a line end, because exports with LF or
//!   CRLF line ends carry stray CRs inside free text (tweets, descriptions).
//! - Otherwise, if they contain a carriage return, records end at CR (old
//!   Mac files).
//!
//! A record's line is the physical line where it starts, counting the
//! header as line 1 and counting every line-end byte, including those inside
//! quoted fields.

use std::borrow::Cow;

use csv_core::{ReadRecordResult, Reader, ReaderBuilder, Terminator};

use crate::core::problem::ProblemKind;

/// How many bytes the reader buffers before it chooses the delimiter and the
/// line end.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// How many lines the delimiter sniffer looks at, at most.
const SNIFF_LINES: usize = 100;

/// Delimiters the sniffer chooses from. On a tie the earliest wins.
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Maximum number of decoding problems reported one by one. The rest are
/// counted in one problem at the end of the file.
const MAX_DECODING_PROBLEMS: usize = 20;

/// The text encoding a file was decoded with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TextEncoding {
    #[default]
    Utf8,
    /// UTF-8 starting with a byte-order mark, which is dropped.
    Utf8WithBom,
    /// At least one field was not UTF-8 and was read as Windows-1252.
    Windows1252,
    /// UTF-16 starting with a little-endian byte-order mark (`FF FE`), as
    /// Excel saves "Unicode Text", or without a mark but with a zero byte
    /// after each ASCII character; converted to UTF-8 as it is read.
    Utf16Le,
    /// UTF-16 starting with a big-endian byte-order mark (`FE FF`), or
    /// without a mark but with a zero byte before each ASCII character.
    Utf16Be,
}

/// One CSV record with the physical line (1-based) it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawRecord {
    pub line: u64,
    pub fields: Vec<String>,
}

/// A problem the reader found, before the loader knows the column names.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadProblem {
    pub line: u64,
    /// Zero-based field index, where the problem is in one field.
    pub field: Option<usize>,
    pub kind: ProblemKind,
}

/// Push parser for one file.
///
/// ```
/// use service_kpis::core::read::CsvReader;
///
/// let mut reader = CsvReader::new();
/// let mut records = Vec::new();
/// reader.push(b"id;score\r\nT-1;4,5", &mut records);
/// reader.finish(&mut records);
///
/// assert_eq!(reader.delimiter(), Some(b';'));
/// assert_eq!(records[1].line, 2);
/// assert_eq!(records[1].fields, ["T-1", "4,5"]);
/// ```
pub struct CsvReader {
    /// The first bytes of the file, kept until the dialect is chosen.
    sniff_buffer: Vec<u8>,
    /// The parser, once the dialect is chosen.
    parser: Option<RecordParser>,
    delimiter: Option<u8>,
    encoding: TextEncoding,
    /// The UTF-16 converter, for a file with a UTF-16 byte-order mark.
    utf16: Option<Utf16Transcoder>,
    decoder: FieldDecoder,
    finished: bool,
}

impl Default for CsvReader {
    fn default() -> Self {
        Self::new()
    }
}

impl CsvReader {
    pub fn new() -> CsvReader {
        CsvReader {
            sniff_buffer: Vec::new(),
            parser: None,
            delimiter: None,
            encoding: TextEncoding::Utf8,
            utf16: None,
            decoder: FieldDecoder::default(),
            finished: false,
        }
    }

    /// Feeds the next chunk of bytes; complete records are appended to `out`.
    ///
    /// Chunks may split a file anywhere, even inside a quoted field, a CRLF
    /// or a multi-byte character. Bytes pushed after [`CsvReader::finish`]
    /// are ignored.
    pub fn push(&mut self, chunk: &[u8], out: &mut Vec<RawRecord>) {
        if self.finished {
            return;
        }

        if let Some(parser) = &mut self.parser {
            match &mut self.utf16 {
                Some(transcoder) => {
                    let text = transcoder.transcode(chunk);
                    parser.feed(&text, &mut self.decoder, out);
                }
                None => parser.feed(chunk, &mut self.decoder, out),
            }
            return;
        }

        self.sniff_buffer.extend_from_slice(chunk);
        if self.sniff_buffer.len() >= SNIFF_BYTES {
            self.start_parser(false, out);
        }
    }

    /// Ends the input; the last records are appended to `out`.
    pub fn finish(&mut self, out: &mut Vec<RawRecord>) {
        if self.finished {
            return;
        }
        self.finished = true;

        if self.parser.is_none() {
            self.start_parser(true, out);
        }
        if let Some(parser) = &mut self.parser {
            if let Some(transcoder) = &mut self.utf16 {
                let text = transcoder.finish();
                parser.feed(&text, &mut self.decoder, out);
            }
            parser.finish(&mut self.decoder, out);
        }
        self.decoder.summarize_suppressed();
    }

    /// The delimiter, once enough bytes were seen to sniff it.
    pub fn delimiter(&self) -> Option<u8> {
        self.delimiter
    }

    /// Returns the encoding seen so far, which changes to Windows-1252 at
    /// the first field that is not valid UTF-8.
    pub fn encoding(&self) -> TextEncoding {
        if self.decoder.saw_windows_1252 {
            TextEncoding::Windows1252
        } else {
            self.encoding
        }
    }

    /// The number of decoding problems past the listed ones, which only
    /// the "N more decoding problems" summary counts.
    pub fn unlisted_problems(&self) -> usize {
        self.decoder
            .decoding_problems
            .saturating_sub(MAX_DECODING_PROBLEMS)
    }

    /// Problems found so far, emptied by the call.
    pub fn take_problems(&mut self) -> Vec<ReadProblem> {
        std::mem::take(&mut self.decoder.problems)
    }

    /// Chooses the dialect from the first [`SNIFF_BYTES`] buffered, then
    /// parses all the buffered bytes.
    fn start_parser(&mut self, at_end: bool, out: &mut Vec<RawRecord>) {
        let buffered = std::mem::take(&mut self.sniff_buffer);
        let (encoding, start) = match buffered.get(..3) {
            Some(b"\xEF\xBB\xBF") => (TextEncoding::Utf8WithBom, 3),
            _ if buffered.starts_with(b"\xFF\xFE") => (TextEncoding::Utf16Le, 2),
            _ if buffered.starts_with(b"\xFE\xFF") => (TextEncoding::Utf16Be, 2),
            _ => match zero_byte_pattern(&buffered[..buffered.len().min(BINARY_SNIFF_BYTES)]) {
                ZeroBytes::None => (TextEncoding::Utf8, 0),
                ZeroBytes::Utf16Le => (TextEncoding::Utf16Le, 0),
                ZeroBytes::Utf16Be => (TextEncoding::Utf16Be, 0),
                ZeroBytes::Binary => {
                    // Decoding an image or archive as text gives only
                    // pages of decoding problems; one message says it all.
                    self.decoder.problems.push(ReadProblem {
                        line: 1,
                        field: None,
                        kind: ProblemKind::BinaryFile,
                    });
                    self.finished = true;
                    return;
                }
            },
        };
        self.encoding = encoding;

        // Sniff the first SNIFF_BYTES of the file whatever the chunk sizes,
        // so that a file reads the same when pushed whole or in small chunks.
        let window_end = buffered.len().min(SNIFF_BYTES).max(start);
        let window_at_end = at_end && window_end == buffered.len();
        let window = &buffered[start..window_end];
        let (window, text) = match encoding {
            TextEncoding::Utf16Le | TextEncoding::Utf16Be => {
                let big_endian = encoding == TextEncoding::Utf16Be;
                let window = Utf16Transcoder::new(big_endian).transcode(window);
                let mut transcoder = Utf16Transcoder::new(big_endian);
                let text = transcoder.transcode(&buffered[start..]);
                self.utf16 = Some(transcoder);
                (Cow::Owned(window), Cow::Owned(text))
            }
            _ => (Cow::Borrowed(window), Cow::Borrowed(&buffered[start..])),
        };

        let terminator = sniff_terminator(&window);
        let delimiter = sniff_delimiter(&window, terminator, window_at_end);
        self.delimiter = Some(delimiter);

        let mut parser = RecordParser::new(delimiter, terminator);
        parser.feed(&text, &mut self.decoder, out);
        self.parser = Some(parser);
    }
}

/// How many bytes at the start of a file are checked for zero bytes.
const BINARY_SNIFF_BYTES: usize = 1024;

/// What the zero bytes at the start of a file without byte-order mark say.
#[derive(Debug, PartialEq, Eq)]
enum ZeroBytes {
    /// No zero byte: text in a byte encoding.
    None,
    /// A zero after most characters: ASCII text in UTF-16LE.
    Utf16Le,
    /// A zero before most characters: ASCII text in UTF-16BE.
    Utf16Be,
    /// Zero bytes in no UTF-16 pattern: not text at all.
    Binary,
}

/// Reads the zero bytes of `head`. CSV text never holds a zero byte, but
/// UTF-16 text of ASCII characters has one in every pair, always on the
/// same side: at least 70 % of the pairs have it there and at most 5 %
/// on the other side.
fn zero_byte_pattern(head: &[u8]) -> ZeroBytes {
    let pairs = head.len() / 2;
    let zeros_at = |first: usize| {
        head.iter()
            .skip(first)
            .step_by(2)
            .take(pairs)
            .filter(|&&byte| byte == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let mostly = |count: usize| count * 10 >= pairs * 7;
    let rarely = |count: usize| count * 20 <= pairs;
    if even == 0 && odd == 0 && !head.contains(&0) {
        ZeroBytes::None
    } else if pairs > 0 && mostly(odd) && rarely(even) {
        ZeroBytes::Utf16Le
    } else if pairs > 0 && mostly(even) && rarely(odd) {
        ZeroBytes::Utf16Be
    } else {
        ZeroBytes::Binary
    }
}

/// Chooses the line-end byte: LF if the text has one, else CR if it has
/// one, else LF.
fn sniff_terminator(text: &[u8]) -> u8 {
    if text.contains(&b'\n') {
        b'\n'
    } else if text.contains(&b'\r') {
        b'\r'
    } else {
        b'\n'
    }
}

/// Chooses the delimiter whose count outside quotes is the same on the
/// most lines, ignoring delimiters that never occur.
///
/// Each candidate's count per line is taken over the first lines of
/// `text`, and its modal count must be non-zero. The candidate whose modal
/// count is met by the most lines wins. On a tie the larger modal count
/// wins, because a decimal comma or a stray separator in text is rarely
/// more frequent per line than the real delimiter. Remaining ties go to the
/// earlier entry of [`DELIMITERS`] (comma first), and a file with no
/// candidate at all is read with commas. Unless `at_end`, the last line may
/// be cut off, so it is left out.
fn sniff_delimiter(text: &[u8], terminator: u8, at_end: bool) -> u8 {
    let lines = count_delimiters_per_line(text, terminator, at_end);

    // (delimiter, lines agreeing with its modal count, modal count)
    let mut best = (b',', 0usize, 0usize);
    for (index, &candidate) in DELIMITERS.iter().enumerate() {
        let counts: Vec<usize> = lines.iter().map(|line| line[index]).collect();
        let Some(mode) = modal_count(&counts) else {
            continue;
        };
        if mode == 0 {
            continue;
        }

        let agreeing = counts.iter().filter(|&&count| count == mode).count();
        if (agreeing, mode) > (best.1, best.2) {
            best = (candidate, agreeing, mode);
        }
    }
    best.0
}

/// Counts each of [`DELIMITERS`] outside quoted fields, per non-blank line
/// (a line ends at `terminator` outside quoted fields).
///
/// As in `csv-core`, a quote opens a quoted field only at the start of a
/// field, which here is the start of a line or the byte after any
/// candidate delimiter. So an inch mark in `5" screen` stays text and does
/// not hide the delimiters of the lines after it.
fn count_delimiters_per_line(text: &[u8], terminator: u8, at_end: bool) -> Vec<[usize; 4]> {
    let mut lines = Vec::new();
    let mut counts = [0usize; 4];
    let mut blank = true;
    let mut state = QuoteState::StartField;

    for &byte in text {
        if lines.len() >= SNIFF_LINES {
            return lines;
        }

        match (state, byte) {
            (QuoteState::InQuoted, b'"') => state = QuoteState::AfterQuote,
            (QuoteState::InQuoted, _) => {}
            (QuoteState::AfterQuote, b'"') => state = QuoteState::InQuoted,
            (QuoteState::StartField, b'"') => {
                state = QuoteState::InQuoted;
                blank = false;
            }
            _ if byte == terminator => {
                if !blank {
                    lines.push(counts);
                }
                counts = [0; 4];
                blank = true;
                state = QuoteState::StartField;
            }
            _ => {
                if let Some(index) = DELIMITERS.iter().position(|&d| d == byte) {
                    counts[index] += 1;
                    blank = false;
                    state = QuoteState::StartField;
                } else {
                    blank &= byte.is_ascii_whitespace();
                    state = QuoteState::InField;
                }
            }
        }
    }

    if at_end && !blank {
        lines.push(counts);
    }
    lines
}

/// Returns the most frequent value (the larger one on a tie), or `None`
/// for an empty slice.
fn modal_count(counts: &[usize]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for &count in counts {
        let frequency = counts.iter().filter(|&&other| other == count).count();
        let better = match best {
            None => true,
            Some((best_count, best_frequency)) => {
                frequency > best_frequency || (frequency == best_frequency && count > best_count)
            }
        };
        if better {
            best = Some((count, frequency));
        }
    }
    best.map(|(count, _)| count)
}

/// The `csv-core` reader with its buffers for the pending record.
struct RecordParser {
    reader: Reader,
    /// The byte that ends a line: LF, or CR in a file without LF.
    terminator: u8,
    /// Field bytes of the pending record.
    output: Vec<u8>,
    output_len: usize,
    /// End offsets in `output` of the pending record's fields.
    ends: Vec<usize>,
    ends_len: usize,
    /// Line-end bytes consumed so far, inside quotes or not.
    line_ends_seen: u64,
    /// Physical line of the pending record, `None` between records.
    record_line: Option<u64>,
    quotes: QuoteTracker,
}

impl RecordParser {
    fn new(delimiter: u8, terminator: u8) -> RecordParser {
        let reader = ReaderBuilder::new()
            .delimiter(delimiter)
            .terminator(Terminator::Any(terminator))
            .build();
        RecordParser {
            reader,
            terminator,
            output: vec![0; 1024],
            output_len: 0,
            ends: vec![0; 32],
            ends_len: 0,
            line_ends_seen: 0,
            record_line: None,
            quotes: QuoteTracker {
                delimiter,
                terminator,
                state: QuoteState::StartField,
            },
        }
    }

    fn feed(&mut self, mut input: &[u8], decoder: &mut FieldDecoder, out: &mut Vec<RawRecord>) {
        loop {
            // `csv-core` reads empty input as the end of the file, so an
            // empty chunk must never reach it.
            if input.is_empty() {
                return;
            }
            if self.record_line.is_none() {
                // Skip blank lines here rather than in csv-core, so that the
                // next record's first byte, and so its line, is known.
                let blank = input.iter().take_while(|&&b| b == self.terminator).count();
                self.line_ends_seen += blank as u64;
                input = &input[blank..];
                if input.is_empty() {
                    return;
                }
                self.record_line = Some(self.line_ends_seen + 1);
            }

            let (result, consumed) = self.read(input);
            self.quotes.track(&input[..consumed]);
            let line_ends = input[..consumed]
                .iter()
                .filter(|&&b| b == self.terminator)
                .count();
            self.line_ends_seen += line_ends as u64;
            input = &input[consumed..];

            match result {
                ReadRecordResult::InputEmpty | ReadRecordResult::End => return,
                ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => {}
                ReadRecordResult::Record => self.emit(decoder, out),
            }
        }
    }

    /// Runs `csv-core` on `input`, growing the buffers when they are full.
    /// Returns the result and the number of input bytes consumed.
    fn read(&mut self, input: &[u8]) -> (ReadRecordResult, usize) {
        let (result, consumed, written, ended) = self.reader.read_record(
            input,
            &mut self.output[self.output_len..],
            &mut self.ends[self.ends_len..],
        );
        self.output_len += written;
        self.ends_len += ended;

        match result {
            ReadRecordResult::OutputFull => {
                let doubled = self.output.len() * 2;
                self.output.resize(doubled, 0);
            }
            ReadRecordResult::OutputEndsFull => {
                let doubled = self.ends.len() * 2;
                self.ends.resize(doubled, 0);
            }
            _ => {}
        }
        (result, consumed)
    }

    fn finish(&mut self, decoder: &mut FieldDecoder, out: &mut Vec<RawRecord>) {
        if let Some(line) = self.record_line {
            if self.quotes.state == QuoteState::InQuoted {
                decoder.problems.push(ReadProblem {
                    line,
                    field: Some(self.ends_len),
                    kind: ProblemKind::UnclosedQuote,
                });
            }
        }

        loop {
            match self.read(&[]).0 {
                ReadRecordResult::Record => self.emit(decoder, out),
                ReadRecordResult::End | ReadRecordResult::InputEmpty => return,
                ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => {}
            }
        }
    }

    /// Decodes the pending record and appends it to `out`, unless it is a
    /// blank line.
    fn emit(&mut self, decoder: &mut FieldDecoder, out: &mut Vec<RawRecord>) {
        let line = self.record_line.take().unwrap_or(self.line_ends_seen);
        let ends = &self.ends[..self.ends_len];
        let mut fields = Vec::with_capacity(ends.len());
        let mut start = 0;

        for (index, &end) in ends.iter().enumerate() {
            let mut bytes = &self.output[start..end];
            let is_last = index + 1 == ends.len();
            if is_last && self.terminator == b'\n' {
                // The CR of a CRLF line end.
                bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            }
            fields.push(decoder.decode(bytes, line, index));
            start = end;
        }
        self.output_len = 0;
        self.ends_len = 0;

        // A line of spaces or a lone CR is a blank line, not a record.
        let is_blank = fields.len() == 1 && fields[0].trim().is_empty();
        if !is_blank {
            out.push(RawRecord { line, fields });
        }
    }
}

/// Quote state of the pending record, following the rules of `csv-core`:
/// a quote opens a quoted field only at the start of a field, and a doubled
/// quote inside one is data.
///
/// `csv-core` does not expose its state, and cloning its reader does not
/// copy the parsing tables (in csv-core 0.1.13), so this tracker is how the
/// reader tells an unclosed quote at the end of the file.
struct QuoteTracker {
    delimiter: u8,
    terminator: u8,
    state: QuoteState,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum QuoteState {
    StartField,
    InField,
    InQuoted,
    /// After a quote inside a quoted field: the end of the field, or the
    /// first half of a doubled quote.
    AfterQuote,
}

impl QuoteTracker {
    fn track(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            let ends_field = byte == self.delimiter || byte == self.terminator;
            self.state = match self.state {
                QuoteState::StartField if byte == b'"' => QuoteState::InQuoted,
                QuoteState::InQuoted if byte == b'"' => QuoteState::AfterQuote,
                QuoteState::InQuoted => QuoteState::InQuoted,
                QuoteState::AfterQuote if byte == b'"' => QuoteState::InQuoted,
                _ if ends_field => QuoteState::StartField,
                _ => QuoteState::InField,
            };
        }
    }
}

/// Decodes field bytes as UTF-8, or as Windows-1252 when they are not
/// UTF-8, and keeps the problems that this raises.
#[derive(Default)]
struct FieldDecoder {
    problems: Vec<ReadProblem>,
    saw_windows_1252: bool,
    /// Decoding problems found, listed or not.
    decoding_problems: usize,
    /// Line of the first decoding problem that was not listed.
    first_suppressed_line: Option<u64>,
}

impl FieldDecoder {
    fn decode(&mut self, bytes: &[u8], line: u64, field: usize) -> String {
        if let Ok(text) = std::str::from_utf8(bytes) {
            return text.to_string();
        }

        self.saw_windows_1252 = true;
        let text: String = bytes.iter().map(|&b| windows_1252_char(b)).collect();

        self.report(
            line,
            field,
            ProblemKind::NotUtf8 {
                value: excerpt(&text),
            },
        );
        for &byte in bytes {
            if is_undefined_in_windows_1252(byte) {
                self.report(line, field, ProblemKind::UndecodableByte { byte });
            }
        }
        text
    }

    fn report(&mut self, line: u64, field: usize, kind: ProblemKind) {
        self.decoding_problems += 1;
        if self.decoding_problems <= MAX_DECODING_PROBLEMS {
            self.problems.push(ReadProblem {
                line,
                field: Some(field),
                kind,
            });
        } else if self.first_suppressed_line.is_none() {
            self.first_suppressed_line = Some(line);
        }
    }

    /// Adds one problem that counts the decoding problems not listed.
    fn summarize_suppressed(&mut self) {
        let Some(line) = self.first_suppressed_line.take() else {
            return;
        };
        let suppressed = self.decoding_problems - MAX_DECODING_PROBLEMS;
        self.problems.push(ReadProblem {
            line,
            field: None,
            kind: ProblemKind::Other {
                value: format!("{suppressed} more decoding problems"),
                message: format!(
                    "not listed one by one after the first {MAX_DECODING_PROBLEMS}. \
                     Fields from this line on are not UTF-8 either and were read \
                     as Windows-1252 (save the file as \"CSV UTF-8\" to avoid this)"
                ),
            },
        });
    }
}

/// Converts UTF-16 text to UTF-8 chunk by chunk, keeping an odd byte or a
/// high surrogate that a chunk boundary splits. Unpaired surrogates become
/// U+FFFD.
struct Utf16Transcoder {
    big_endian: bool,
    odd_byte: Option<u8>,
    high_surrogate: Option<u16>,
}

impl Utf16Transcoder {
    fn new(big_endian: bool) -> Utf16Transcoder {
        Utf16Transcoder {
            big_endian,
            odd_byte: None,
            high_surrogate: None,
        }
    }

    fn transcode(&mut self, bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut rest = bytes;

        if let (Some(first), Some((&second, after))) = (self.odd_byte, rest.split_first()) {
            self.odd_byte = None;
            self.push_unit([first, second], &mut out);
            rest = after;
        }
        let mut pairs = rest.chunks_exact(2);
        for pair in &mut pairs {
            self.push_unit([pair[0], pair[1]], &mut out);
        }
        if let [last] = pairs.remainder() {
            self.odd_byte = Some(*last);
        }
        out
    }

    /// Ends the text: a pending odd byte or high surrogate becomes U+FFFD.
    fn finish(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        if self.odd_byte.take().is_some() || self.high_surrogate.take().is_some() {
            push_char(char::REPLACEMENT_CHARACTER, &mut out);
        }
        out
    }

    fn push_unit(&mut self, bytes: [u8; 2], out: &mut Vec<u8>) {
        let unit = if self.big_endian {
            u16::from_be_bytes(bytes)
        } else {
            u16::from_le_bytes(bytes)
        };

        if let Some(high) = self.high_surrogate.take() {
            if (0xDC00..=0xDFFF).contains(&unit) {
                let code =
                    0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                push_char(
                    char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER),
                    out,
                );
                return;
            }
            push_char(char::REPLACEMENT_CHARACTER, out);
        }
        if (0xD800..=0xDBFF).contains(&unit) {
            self.high_surrogate = Some(unit);
        } else {
            let c = char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER);
            push_char(c, out);
        }
    }
}

fn push_char(c: char, out: &mut Vec<u8>) {
    let mut buffer = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buffer).as_bytes());
}

/// Shortens a decoded field for a problem message: free-text fields can run
/// to pages, and the user needs only enough to find the field.
fn excerpt(text: &str) -> String {
    const MAX_CHARS: usize = 60;
    match text.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// Windows-1252 characters for the bytes 0x80–0x9F, where it differs from
/// Latin-1; U+FFFD for the five bytes it leaves undefined.
const WINDOWS_1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{FFFD}', '\u{201A}', '\u{0192}', // 80–83: € undefined ‚ ƒ
    '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', // 84–87: „ … † ‡
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', // 88–8B: ˆ ‰ Š ‹
    '\u{0152}', '\u{FFFD}', '\u{017D}', '\u{FFFD}', // 8C–8F: Œ undefined Ž undefined
    '\u{FFFD}', '\u{2018}', '\u{2019}', '\u{201C}', // 90–93: undefined ‘ ’ “
    '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', // 94–97: ” • – —
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', // 98–9B: ˜ ™ š ›
    '\u{0153}', '\u{FFFD}', '\u{017E}', '\u{0178}', // 9C–9F: œ undefined ž Ÿ
];

/// Decodes one Windows-1252 byte: ASCII and 0xA0–0xFF as Latin-1, 0x80–0x9F
/// from [`WINDOWS_1252_HIGH`].
fn windows_1252_char(byte: u8) -> char {
    match byte {
        0x80..=0x9F => WINDOWS_1252_HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

fn is_undefined_in_windows_1252(byte: u8) -> bool {
    matches!(byte, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `bytes` in chunks of `chunk_size` bytes.
    fn read_in_chunks(bytes: &[u8], chunk_size: usize) -> (Vec<RawRecord>, CsvReader) {
        let mut reader = CsvReader::new();
        let mut records = Vec::new();
        for chunk in bytes.chunks(chunk_size.max(1)) {
            reader.push(chunk, &mut records);
        }
        reader.finish(&mut records);
        (records, reader)
    }

    fn read_all(bytes: &[u8]) -> (Vec<RawRecord>, CsvReader) {
        read_in_chunks(bytes, bytes.len().max(1))
    }

    fn shared_file(relative: &str) -> Vec<u8> {
        let path = format!("{}/../shared/{relative}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
    }

    fn lines_of(records: &[RawRecord]) -> Vec<u64> {
        records.iter().map(|record| record.line).collect()
    }

    #[test]
    fn bom_and_quoted_first_header_are_dropped() {
        // The file starts with EF BB BF, then `"Ticket ID",Created at,...`
        // with CRLF line ends: 1 header and 3 tickets.
        let bytes = shared_file("cases/17-utf8-bom-header.csv");

        let (records, reader) = read_all(&bytes);

        assert_eq!(records.len(), 4);
        assert_eq!(
            records[0].fields,
            ["Ticket ID", "Created at", "First reply at"]
        );
        assert_eq!(records[1].fields[0], "T-1701");
        // No CR left from the CRLF at the end of the last field.
        assert_eq!(records[3].fields[2], "2024-04-02T12:00:00Z");
        assert_eq!(reader.encoding(), TextEncoding::Utf8WithBom);
        assert_eq!(reader.delimiter(), Some(b','));
    }

    #[test]
    fn semicolon_beats_decimal_commas() {
        // Semicolons: 4 on each of the 5 lines. Commas: 0 in the header and
        // 1 or 0 in the rows, so they are not consistent.
        let bytes = shared_file("cases/18-excel-semicolon-decimal-comma.csv");

        let (records, reader) = read_all(&bytes);

        assert_eq!(reader.delimiter(), Some(b';'));
        assert_eq!(records.len(), 5);
        assert_eq!(records[0].fields[3], "Gesprächsdauer (Min.)");
        assert_eq!(
            records[2].fields,
            ["A-1802", "03.06.2024", "Jonas Weber", "12,25", "1.250"]
        );
        assert_eq!(reader.encoding(), TextEncoding::Utf8);
    }

    #[test]
    fn quoted_newlines_keep_physical_lines() {
        // T-2001 spans lines 2–5 (three LFs inside quotes), T-2002 lines
        // 6–7, T-2003 line 8.
        let bytes = shared_file("cases/20-quoted-newlines-crlf.csv");

        let (records, _) = read_all(&bytes);

        assert_eq!(lines_of(&records), [1, 2, 6, 8]);
        assert_eq!(
            records[1].fields[2],
            "Customer wrote:\n\"I can't log in\"\n\nTried a reset twice"
        );
        assert_eq!(records[2].fields[1], "Invoice, wrong amount");
        assert_eq!(records[2].fields[2], "Line one\nLine two");
        assert_eq!(records[1].fields[4], "2024-02-05T09:12:00Z");
    }

    #[test]
    fn ragged_rows_come_back_as_they_are() {
        // Header: 5 commas, so 6 fields. T-2202 has 4 fields, T-2203 has 8
        // (the 8th is EXTRA). Lines 6 and 7 are CRLF alone: blank.
        let bytes = shared_file("cases/22-ragged-rows-trailing-delimiters.csv");

        let (records, mut reader) = read_all(&bytes);

        assert_eq!(lines_of(&records), [1, 2, 3, 4, 5]);
        assert_eq!(records[0].fields.len(), 6);
        assert_eq!(records[0].fields[5], "");
        assert_eq!(records[2].fields.len(), 4);
        assert_eq!(records[3].fields.len(), 8);
        assert_eq!(records[3].fields[7], "EXTRA");
        assert!(reader.take_problems().is_empty());
    }

    #[test]
    fn blank_lines_are_skipped_and_counted() {
        let bytes = b"a,b\n\n\n1,2\n   \n3,4";

        let (records, _) = read_all(bytes);

        // Lines: 1 header, 2–3 blank, 4 row, 5 spaces only, 6 row.
        assert_eq!(lines_of(&records), [1, 4, 6]);
        assert_eq!(records[2].fields, ["3", "4"]);
    }

    #[test]
    fn lone_cr_file_splits_at_cr() {
        let bytes = b"a,b\r1,2\r3,4\r";

        let (records, _) = read_all(bytes);

        assert_eq!(lines_of(&records), [1, 2, 3]);
        assert_eq!(records[2].fields, ["3", "4"]);
    }

    #[test]
    fn stray_cr_in_lf_file_is_data() {
        let bytes = b"id,text\r\n1,one\rtwo\r\n2,three\r\n";

        let (records, _) = read_all(bytes);

        assert_eq!(records.len(), 3);
        assert_eq!(records[1].fields, ["1", "one\rtwo"]);
        assert_eq!(records[2].line, 3);
    }

    #[test]
    fn unclosed_quote_is_reported_and_kept() {
        let bytes = b"id,text\n1,ok\n2,\"never closed\n3,x\n";

        let (records, mut reader) = read_all(bytes);

        // The quote opens on line 3 and swallows the rest of the file.
        assert_eq!(records.len(), 3);
        assert_eq!(records[2].line, 3);
        assert_eq!(records[2].fields, ["2", "never closed\n3,x\n"]);
        assert_eq!(
            reader.take_problems(),
            [ReadProblem {
                line: 3,
                field: Some(1),
                kind: ProblemKind::UnclosedQuote,
            }]
        );
    }

    #[test]
    fn doubled_quote_before_end_is_still_open() {
        // `"a""` is a quoted field holding `a"` that is never closed.
        let (records, mut reader) = read_all(b"x\n\"a\"\"");

        assert_eq!(records[1].fields, ["a\""]);
        assert_eq!(reader.take_problems().len(), 1);
    }

    #[test]
    fn closed_quote_at_end_is_not_a_problem() {
        let bytes = b"id,text\n1,\"closed\"";

        let (records, mut reader) = read_all(bytes);

        assert_eq!(records[1].fields, ["1", "closed"]);
        assert!(reader.take_problems().is_empty());
    }

    #[test]
    fn windows_1252_field_is_decoded_and_reported() {
        // 0xE9 is é in Latin-1, 0x80 is € and 0x9D is undefined.
        let bytes = b"name,note\nCaf\xE9,\x80 5\nok,x\x9Dy\n";

        let (records, mut reader) = read_all(bytes);

        assert_eq!(records[1].fields, ["Café", "€ 5"]);
        assert_eq!(records[2].fields, ["ok", "x\u{FFFD}y"]);
        assert_eq!(reader.encoding(), TextEncoding::Windows1252);
        let problems = reader.take_problems();
        let kinds: Vec<&ProblemKind> = problems.iter().map(|p| &p.kind).collect();
        assert_eq!(
            kinds,
            [
                &ProblemKind::NotUtf8 {
                    value: "Café".into()
                },
                &ProblemKind::NotUtf8 {
                    value: "€ 5".into()
                },
                &ProblemKind::NotUtf8 {
                    value: "x\u{FFFD}y".into()
                },
                &ProblemKind::UndecodableByte { byte: 0x9D },
            ]
        );
        assert_eq!(problems[3].line, 3);
        assert_eq!(problems[3].field, Some(1));
    }

    #[test]
    fn long_field_is_shortened_in_problem() {
        // 100 × "é" in Latin-1: the problem shows the first 60 and "…".
        let mut bytes = b"note\n".to_vec();
        bytes.extend_from_slice(&[0xE9; 100]);

        let (records, mut reader) = read_all(&bytes);

        assert_eq!(records[1].fields[0], "é".repeat(100));
        let expected = format!("{}…", "é".repeat(60));
        assert_eq!(
            reader.take_problems()[0].kind,
            ProblemKind::NotUtf8 { value: expected }
        );
    }

    #[test]
    fn windows_1252_table_matches_known_characters() {
        // From the Windows-1252 code chart: 0x85 …, 0x93 “, 0x99 ™, 0x9F Ÿ.
        assert_eq!(windows_1252_char(0x85), '…');
        assert_eq!(windows_1252_char(0x93), '“');
        assert_eq!(windows_1252_char(0x99), '™');
        assert_eq!(windows_1252_char(0x9F), 'Ÿ');
        assert_eq!(windows_1252_char(0xA0), '\u{A0}');
        assert_eq!(windows_1252_char(0xFF), 'ÿ');
        assert_eq!(windows_1252_char(b'A'), 'A');
    }

    #[test]
    fn decoding_problems_are_capped() {
        // 30 rows, each with one non-UTF-8 field: 20 listed, then one
        // problem that counts the other 10.
        let mut bytes = b"name\n".to_vec();
        for _ in 0..30 {
            bytes.extend_from_slice(b"Jos\xE9\n");
        }

        let (records, mut reader) = read_all(&bytes);

        assert_eq!(records.len(), 31);
        let problems = reader.take_problems();
        assert_eq!(problems.len(), 21);
        // The 21st field with a problem is on line 22 (header is line 1).
        assert_eq!(problems[20].line, 22);
        assert!(matches!(
            &problems[20].kind,
            ProblemKind::Other { value, .. } if value == "10 more decoding problems"
        ));
    }

    #[test]
    fn multibyte_character_split_by_chunks() {
        // "é" is C3 A9 in UTF-8; chunks of 1 byte split it.
        let bytes = "name\nRené\n".as_bytes();

        let (records, reader) = read_in_chunks(bytes, 1);

        assert_eq!(records[1].fields, ["René"]);
        assert_eq!(reader.encoding(), TextEncoding::Utf8);
    }

    #[test]
    fn empty_chunk_does_not_end_record() {
        let mut bytes = b"id,text\n1,\"a".to_vec();
        bytes.resize(SNIFF_BYTES + 10, b'a');
        let mut reader = CsvReader::new();
        let mut records = Vec::new();

        reader.push(&bytes, &mut records);
        reader.push(b"", &mut records);
        reader.push(b"\"\n2,b\n", &mut records);
        reader.finish(&mut records);

        // The quoted field runs over the empty chunk, so there are three
        // records and no unclosed quote.
        assert_eq!(records.len(), 3);
        assert_eq!(records[2].fields, ["2", "b"]);
        assert!(reader.take_problems().is_empty());
    }

    /// Encodes text as UTF-16 with its byte-order mark.
    #[test]
    fn utf16_without_bom_is_told_by_its_zero_bytes() {
        // UTF-16 without a byte-order mark used to read as " A g e n t "
        // with no column matched. The zero bytes show the byte order.
        let text = "Agent,Rating\nAnn,5\n";

        for big_endian in [false, true] {
            let bytes = utf16_bytes(text, big_endian);
            let (records, reader) = read_in_chunks(&bytes[2..], 7);

            assert_eq!(records[0].fields, ["Agent", "Rating"]);
            assert_eq!(records[1].fields, ["Ann", "5"]);
            let expected = if big_endian {
                TextEncoding::Utf16Be
            } else {
                TextEncoding::Utf16Le
            };
            assert_eq!(reader.encoding(), expected);
        }
    }

    #[test]
    fn binary_file_gives_one_problem_and_no_records() {
        // The first bytes of a PNG image: signature, then a chunk length
        // 00 00 00 0D. It used to give 22 lines of decoding problems.
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x01\x00\x9d\xff";

        let (records, mut reader) = read_in_chunks(png, 5);

        assert!(records.is_empty());
        let problems = reader.take_problems();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].kind, ProblemKind::BinaryFile);
    }

    fn utf16_bytes(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        bytes
    }

    #[test]
    fn utf16_text_is_converted() {
        // Excel's "Unicode Text": UTF-16LE with BOM, tabs, CRLF. "😀" is a
        // surrogate pair, which chunks of 1 and 3 bytes split.
        let text = "Ticket ID\tNote\r\nT-1\tCafé 😀\r\nT-2\t\"a\tb\"\r\n";

        for big_endian in [false, true] {
            let bytes = utf16_bytes(text, big_endian);
            for chunk_size in [1, 3, bytes.len()] {
                let (records, reader) = read_in_chunks(&bytes, chunk_size);

                assert_eq!(reader.delimiter(), Some(b'\t'));
                assert_eq!(records.len(), 3, "chunks of {chunk_size}");
                assert_eq!(records[0].fields, ["Ticket ID", "Note"]);
                assert_eq!(records[1].fields, ["T-1", "Café 😀"]);
                assert_eq!(records[2].fields, ["T-2", "a\tb"]);
                let expected = if big_endian {
                    TextEncoding::Utf16Be
                } else {
                    TextEncoding::Utf16Le
                };
                assert_eq!(reader.encoding(), expected);
            }
        }
    }

    #[test]
    fn utf16_broken_ends_are_replaced() {
        // A lone high surrogate (D83D) and a final odd byte.
        let mut bytes = vec![0xFF, 0xFE, b'a', 0, 0x3D, 0xD8, b'b', 0, b'\n', 0, b'c'];

        let (records, _) = read_all(&bytes);
        assert_eq!(records[0].fields, ["a\u{FFFD}b"]);
        assert_eq!(records[1].fields, ["\u{FFFD}"]);

        bytes.truncate(6);
        let (records, _) = read_all(&bytes);
        assert_eq!(records[0].fields, ["a\u{FFFD}"]);
    }

    #[test]
    fn tab_and_pipe_are_sniffed() {
        let (_, tab) = read_all(b"a\tb\tc\n1\t2\t3\n");
        let (_, pipe) = read_all(b"a|b\n1|2\n");

        assert_eq!(tab.delimiter(), Some(b'\t'));
        assert_eq!(pipe.delimiter(), Some(b'|'));
    }

    #[test]
    fn delimiter_tie_goes_to_larger_count() {
        // Every line has 1 comma and 2 semicolons, so both agree on all 3
        // lines; the semicolon's count per line is larger.
        let (records, reader) = read_all(b"id;score,avg;team\nA-1;4,5;x\nA-2;0,5;y\n");

        assert_eq!(reader.delimiter(), Some(b';'));
        assert_eq!(records[1].fields, ["A-1", "4,5", "x"]);
    }

    #[test]
    fn inch_mark_does_not_hide_delimiters() {
        // A quote inside an unquoted field is text, so each line has 2
        // commas outside quoted fields; the semicolons sit inside quotes
        // or are rare.
        let bytes = b"id,desc,n\n1,5\" screen,3\n2,\"a;b;c\",4\n3,x;y,5\n4,ok,6\n";

        let (records, reader) = read_all(bytes);

        assert_eq!(reader.delimiter(), Some(b','));
        assert_eq!(records[1].fields, ["1", "5\" screen", "3"]);
        assert_eq!(records[2].fields, ["2", "a;b;c", "4"]);
        // Counts of , ; tab | per line: only line 4 has a semicolon outside
        // quotes.
        let counts = count_delimiters_per_line(bytes, b'\n', true);
        assert_eq!(
            counts,
            [
                [2, 0, 0, 0],
                [2, 0, 0, 0],
                [2, 0, 0, 0],
                [2, 1, 0, 0],
                [2, 0, 0, 0]
            ]
        );
    }

    #[test]
    fn delimiter_tie_goes_to_comma() {
        // 1 comma and 1 semicolon on each line: a full tie.
        let (_, reader) = read_all(b"a,b;c\n1,2;3\n");

        assert_eq!(reader.delimiter(), Some(b','));
    }

    #[test]
    fn delimiter_unknown_until_enough_bytes() {
        let mut reader = CsvReader::new();
        let mut records = Vec::new();

        reader.push(b"a;b\n1;2\n", &mut records);

        assert_eq!(reader.delimiter(), None);
        assert!(records.is_empty());
    }

    #[test]
    fn delimiter_defaults_to_comma() {
        let (records, reader) = read_all(b"single\nvalue\n");

        assert_eq!(reader.delimiter(), Some(b','));
        assert_eq!(records.len(), 2);
    }

    #[test]
    fn empty_input_gives_no_records() {
        let (records, mut reader) = read_all(b"");

        assert!(records.is_empty());
        assert!(reader.take_problems().is_empty());
    }

    #[test]
    fn odd_inputs_never_panic() {
        let inputs: [&[u8]; 8] = [
            b"\"",
            b"\xEF\xBB",
            b"\xEF\xBB\xBF",
            b"\r\n\r\n",
            b",,,\n;;;\n",
            b"\"a\"\"",
            b"\xFF\xFE\x00a\x00",
            b"a,\"b\"c\"d,e\n",
        ];
        for input in inputs {
            for chunk_size in [1, 2, 3, 4096] {
                let _ = read_in_chunks(input, chunk_size);
            }
        }
    }

    #[test]
    fn records_do_not_depend_on_chunk_size() {
        // A long file, so that sniffing stops at 64 KiB and the rest is
        // streamed, with a quoted CRLF and a multi-byte character in it.
        let mut bytes = b"id;text;n\r\n".to_vec();
        for i in 0..3000 {
            let row = format!("{i};\"Zoë said \"\"hi\"\"\r\nbye\";{i},5\r\n");
            bytes.extend_from_slice(row.as_bytes());
        }

        let (whole, _) = read_all(&bytes);
        assert_eq!(whole.len(), 3001);
        // Each row takes 2 physical lines, so row i starts on line 2 + 2i.
        assert_eq!(whole[3000].line, 2 + 2 * 2999);
        assert_eq!(whole[3000].fields[1], "Zoë said \"hi\"\r\nbye");

        for chunk_size in [1, 7, 4096] {
            let (chunked, _) = read_in_chunks(&bytes, chunk_size);
            assert_eq!(chunked, whole, "chunks of {chunk_size} bytes");
        }

        // The same file after a byte-order mark reads the same.
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(&bytes);
        for chunk_size in [1, 4096, with_bom.len()] {
            let (chunked, _) = read_in_chunks(&with_bom, chunk_size);
            assert_eq!(chunked, whole, "BOM, chunks of {chunk_size} bytes");
        }
    }

    /// Reads a real export whole and in chunks of 1, 7 and 4096 bytes, and
    /// checks the record count and that every record has the header's width.
    fn check_real_file(name: &str, expected_records: usize, delimiter: u8) -> CsvReader {
        let bytes = shared_file(&format!("data/real/{name}"));

        let (whole, reader) = read_all(&bytes);

        assert_eq!(whole.len(), expected_records, "{name}: records");
        assert_eq!(reader.delimiter(), Some(delimiter), "{name}: delimiter");
        let width = whole[0].fields.len();
        for record in &whole {
            assert_eq!(record.fields.len(), width, "{name}:{}", record.line);
        }
        for chunk_size in [1, 7, 4096] {
            let (chunked, _) = read_in_chunks(&bytes, chunk_size);
            assert!(chunked == whole, "{name}: chunks of {chunk_size} bytes");
        }
        reader
    }

    // Each expected count below is the header plus the data records, as
    // Python's csv module counts them (csv.reader over the decoded text,
    // opened with newline=''), and each file has one width throughout.

    #[test]
    fn real_kaggle_tickets() {
        // 8,469 tickets, and descriptions contain quoted line breaks.
        check_real_file("kaggle_support_tickets.csv", 8_470, b',');

        // Start lines from Python: one more than csv.reader's line_num
        // after the record before.
        let bytes = shared_file("data/real/kaggle_support_tickets.csv");
        let (records, _) = read_all(&bytes);
        assert_eq!(lines_of(&records[..5]), [1, 2, 9, 16, 19]);
        assert_eq!(records[8_469].line, 29_806);
    }

    #[test]
    fn real_pwc_calls() {
        // 5,000 calls, CRLF.
        check_real_file("pwc_call_center.csv", 5_001, b',');
    }

    #[test]
    fn real_twcs_keeps_stray_crs_as_text() {
        // 5,000 tweets. Line 2589 contains "@AskPayPal \r\rI just love ...":
        // two lone CRs in an LF file, which are text, so the tweet stays one
        // record with 8 fields. Python's csv module ends a record at a lone
        // CR and finds 5,003 rows. With those two CRs replaced by another
        // byte it finds 5,001, the count expected here.
        let bytes = shared_file("data/real/twcs_sample.csv");
        check_real_file("twcs_sample.csv", 5_001, b',');

        let (records, _) = read_all(&bytes);
        let tweet = records.iter().find(|r| r.line == 2589);
        let text = tweet.map(|r| r.fields[5].as_str()).unwrap_or_default();
        assert!(text.starts_with("@AskPayPal \r\rI just love"), "{text:?}");
    }

    #[test]
    fn real_uci_incident_log() {
        // 5,998 events, CRLF.
        check_real_file("uci_incident_event_log_sample.csv", 5_999, b',');
    }

    #[test]
    fn real_helpdesk_event_log() {
        // 21,348 events.
        check_real_file("helpdesk_event_log.csv", 21_349, b',');
    }

    #[test]
    fn real_nyc311_quoted_headers() {
        // 1,000 requests, 41 quoted headers.
        let reader = check_real_file("nyc311_socrata_2024_sample.csv", 1_001, b',');

        assert_eq!(reader.encoding(), TextEncoding::Utf8);
    }

    #[test]
    fn real_botanic_latin1() {
        // 13,954 responses in 8-bit text, decoded as Latin-1 for the count.
        let mut reader = check_real_file("botanic_nps_latin1.csv", 13_955, b',');

        assert_eq!(reader.encoding(), TextEncoding::Windows1252);
        let problems = reader.take_problems();
        // 20 listed one by one, then one summary.
        assert_eq!(problems.len(), MAX_DECODING_PROBLEMS + 1);
    }

    #[test]
    fn real_google_forms_fr() {
        // 93 responses (UTF-8, CRLF); the score header is a question with
        // a comma inside quotes.
        check_real_file("google_forms_brand_nps_fr.csv", 94, b',');
    }

    #[test]
    fn real_uwv_semicolon_latin1() {
        // 289 complaints, semicolons, CRLF.
        check_real_file("uwv_complaints_bpic2016_semicolon.csv", 290, b';');
    }
}
