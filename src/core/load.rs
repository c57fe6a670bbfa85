//! Loading one file: header to roles, rows to typed records, and an account
//! of every row that was left out.
//!
//! A [`FileLoader`] takes the file's bytes in chunks. Loading never fails: a
//! file that cannot be used (no header, no known column) comes back with no
//! kinds and an error in its problems, so the page can say why.

use serde::{Deserialize, Serialize};

use crate::core::columns::ColumnMatch;
use crate::core::model::{Call, FileKind, Scale, SurveyResponse, Ticket};
use crate::core::number::NumberStyle;
use crate::core::problem::Problem;
use crate::core::read::TextEncoding;
use crate::core::report::LeftOut;
use crate::core::settings::ReadOptions;

/// Row accounting for one file: `used + left out = total`, always.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowCounts {
    /// Data records read (the header and blank lines are not records).
    pub total: usize,
    pub used: usize,
    pub left_out: Vec<LeftOut>,
}

/// A note about how a column was read, shown beside the file, e.g.
/// `created_at: Unix seconds` or `Datum: day-first dates`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnNote {
    pub column: String,
    pub note: String,
}

/// A file after loading.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadedFile {
    pub name: String,
    /// Column names as written, without BOM or surrounding quotes.
    pub header: Vec<String>,
    /// Identifies the header's layout, for remembering a mapping.
    pub header_key: String,
    pub delimiter: u8,
    pub encoding: TextEncoding,
    pub number_style: NumberStyle,
    pub kinds: Vec<FileKind>,
    pub columns: Vec<ColumnMatch>,
    pub notes: Vec<ColumnNote>,
    /// Scale of the CSAT column, when it is numeric.
    pub csat_scale: Option<Scale>,
    pub tickets: Vec<Ticket>,
    pub surveys: Vec<SurveyResponse>,
    pub calls: Vec<Call>,
    pub rows: RowCounts,
    pub problems: Vec<Problem>,
}

/// Loads one file from byte chunks.
pub struct FileLoader {}

impl FileLoader {
    pub fn new(name: &str, options: ReadOptions) -> FileLoader {
        let _ = (name, options);
        todo!()
    }

    pub fn push(&mut self, chunk: &[u8]) {
        let _ = chunk;
        todo!()
    }

    pub fn finish(self) -> LoadedFile {
        todo!()
    }
}

/// Loads a whole file held in memory.
pub fn load_file(name: &str, bytes: &[u8], options: ReadOptions) -> LoadedFile {
    let mut loader = FileLoader::new(name, options);
    loader.push(bytes);
    loader.finish()
}
