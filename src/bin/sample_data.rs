//! Writes the sample help-desk files (`sample_tickets.csv`,
//! `sample_survey.csv`, `sample_calls.csv`) into a folder, for people who
//! want the files themselves. The page generates the same bytes in the
//! browser.
//!
//! Usage: `cargo run --bin sample_data -- OUT_DIR`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use service_kpis::core::sample;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [out_dir] = args.as_slice() else {
        eprintln!("usage: sample_data OUT_DIR (writes the three sample CSV files into OUT_DIR)");
        return ExitCode::from(2);
    };

    match write_files(Path::new(out_dir)) {
        Ok(paths) => {
            for path in paths {
                println!("{}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("sample_data: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Creates `dir` if needed and writes each sample file into it; returns the
/// paths written.
fn write_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    std::fs::create_dir_all(dir)
        .map_err(|error| format!("{}: failed to create folder: {error}", dir.display()))?;

    let mut written = Vec::new();
    for (name, bytes) in sample::files() {
        let path = dir.join(name);
        std::fs::write(&path, bytes)
            .map_err(|error| format!("{}: failed to write file: {error}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_files_writes_the_generated_bytes() {
        let dir = std::env::temp_dir().join(format!("sample_data_test_{}", std::process::id()));

        let paths = write_files(&dir).expect("files written");

        let expected = sample::files();
        assert_eq!(paths.len(), expected.len());
        for (path, (name, bytes)) in paths.iter().zip(&expected) {
            assert_eq!(path, &dir.join(name));
            assert_eq!(&std::fs::read(path).expect("file read back"), bytes);
        }
        std::fs::remove_dir_all(&dir).expect("temporary folder removed");
    }

    #[test]
    fn write_files_names_a_folder_it_cannot_create() {
        // A folder cannot be created below a plain file.
        let file = std::env::temp_dir().join(format!("sample_data_file_{}", std::process::id()));
        std::fs::write(&file, b"x").expect("plain file written");

        let error = write_files(&file.join("out")).expect_err("no folder below a file");

        assert!(error.contains("failed to create folder"), "{error}");
        std::fs::remove_file(&file).expect("plain file removed");
    }
}
