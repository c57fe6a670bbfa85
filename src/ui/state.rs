//! The page's state and the actions that change it: add, re-read and
//! remove files, change settings, rebuild the report.
//!
//! Components call these actions and render the signals; the work itself
//! is done by the core ([`load`](crate::core::load),
//! [`report::build`]) and the browser glue ([`browser`]).

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use log::{debug, warn};

use crate::browser::{self, FileSource};
use crate::core::goals::{self, Goal};
use crate::core::load::LoadedFile;
use crate::core::model::FileKind;
use crate::core::report::{self, Kpi, Report};
use crate::core::settings::{self as settings_file, ReadOptions, Settings};
use crate::ui::view::FileSummary;

const SETTINGS_KEY: &str = "service-kpis.settings";
const MAPPING_KEY_PREFIX: &str = "service-kpis.read-options.";
const AGENT_NAMES_KEY: &str = "service-kpis.agent-names";
const GOALS_FILE: &str = "service-kpis-goals.json";
const SETTINGS_FILE: &str = "service-kpis-settings.json";

/// How long the last load and report took, for the status line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Timing {
    pub files: usize,
    pub rows: usize,
    pub load_ms: f64,
    pub report_ms: f64,
}

impl Timing {
    pub fn total_ms(&self) -> f64 {
        self.load_ms + self.report_ms
    }
}

/// One loaded file as the page lists it.
#[derive(Clone, Debug)]
pub struct FileEntry {
    /// Stable across re-reads, for keyed lists and actions.
    pub id: u32,
    pub options: ReadOptions,
    pub summary: Arc<FileSummary>,
}

/// Everything the page shows, shared with every component as context.
#[derive(Clone, Copy)]
pub struct AppState {
    pub files: RwSignal<Vec<FileEntry>>,
    pub settings: RwSignal<Settings>,
    /// Authors of message logs who are agents, for every message-log file.
    pub agent_names: RwSignal<Vec<String>>,
    /// Counts imported settings files, so that forms that show settings
    /// only when drawn are drawn again.
    pub imports: RwSignal<u32>,
    pub report: RwSignal<Option<Arc<Report>>>,
    pub timing: RwSignal<Option<Timing>>,
    /// Errors from the browser glue, shown at the top of the page.
    pub errors: RwSignal<Vec<String>>,
    /// Reads in progress; several can overlap when files are added while
    /// others are still being read.
    reading: RwSignal<u32>,
    /// Reports built so far, so that tests can wait for the next one.
    pub builds: RwSignal<u32>,
    /// Why the settings as typed are not those of the report shown (a
    /// date range that cannot be applied); `None` when they match.
    pub stale: RwSignal<Option<String>>,
    sources: StoredValue<Vec<(u32, FileSource)>, LocalStorage>,
    /// The loaded records, in the order of `files`; kept out of signals so
    /// that building the report copies nothing.
    loaded: StoredValue<Vec<LoadedFile>>,
    next_id: StoredValue<u32>,
}

impl AppState {
    /// Creates the state with the settings saved in local storage, or the
    /// defaults in the browser's time zone.
    pub fn new() -> AppState {
        AppState {
            files: RwSignal::new(Vec::new()),
            settings: RwSignal::new(saved_settings()),
            agent_names: RwSignal::new(saved_agent_names()),
            imports: RwSignal::new(0),
            report: RwSignal::new(None),
            timing: RwSignal::new(None),
            errors: RwSignal::new(Vec::new()),
            reading: RwSignal::new(0),
            builds: RwSignal::new(0),
            stale: RwSignal::new(None),
            sources: StoredValue::new_local(Vec::new()),
            loaded: StoredValue::new(Vec::new()),
            next_id: StoredValue::new(0),
        }
    }

    /// Returns the state provided by [`App`](crate::ui::App).
    pub fn expect() -> AppState {
        expect_context::<AppState>()
    }

    /// True while any file is being read.
    pub fn busy(self) -> bool {
        self.reading.get() > 0
    }

    /// Reads `sources` one after another, adds them to the file list and
    /// rebuilds the report.
    pub fn add_files(self, sources: Vec<FileSource>) {
        if sources.is_empty() {
            return;
        }
        // The sample data is replaced by whatever is added after it, so
        // that it never mixes into the figures of real files.
        self.remove_sample_quietly();
        self.reading.update(|reading| *reading += 1);
        spawn_local(async move {
            let start = browser::now_ms();
            for source in sources {
                self.add_one(source).await;
            }
            let load_ms = browser::now_ms() - start;
            self.reading.update(|reading| *reading -= 1);
            self.rebuild(load_ms);
        });
    }

    async fn add_one(self, source: FileSource) {
        let name = source.name();
        debug!("file received: {} bytes", source.size());

        let agent_names = self.agent_names.get_untracked();
        let mut options = ReadOptions {
            agent_names: agent_names.clone(),
            ..ReadOptions::default()
        };
        let Some(mut loaded) = self.read(&source, options.clone()).await else {
            return;
        };
        // A file whose header was mapped by hand before is read again with
        // that mapping, and today's agent names.
        if let Some(mut saved) = saved_read_options(&loaded.header_key) {
            saved.agent_names = agent_names;
            if saved != options {
                if let Some(again) = self.read(&source, saved.clone()).await {
                    loaded = again;
                    options = saved;
                }
            }
        }

        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        // A file of the same name is kept beside the older one, under a
        // name of its own such as "export.csv (2)".
        let shown = self.files.with_untracked(|files| {
            let names: Vec<&str> = files
                .iter()
                .map(|entry| entry.summary.name.as_str())
                .collect();
            unique_name(&name, &names)
        });
        let loaded = renamed(loaded, &shown);
        self.sources
            .update_value(|sources| sources.push((id, source)));
        let summary = Arc::new(FileSummary::of(&loaded));
        self.loaded.update_value(|files| files.push(loaded));
        self.files.update(|files| {
            files.push(FileEntry {
                id,
                options,
                summary,
            })
        });
    }

    async fn read(self, source: &FileSource, options: ReadOptions) -> Option<LoadedFile> {
        let start = browser::now_ms();
        match browser::load(source, options).await {
            Ok(loaded) => {
                debug!(
                    "rows parsed: {} total, {} used, {} problems in {:.0} ms",
                    loaded.rows.total,
                    loaded.rows.used,
                    loaded.problems.len(),
                    browser::now_ms() - start
                );
                Some(loaded)
            }
            Err(message) => {
                warn!("{message}");
                self.errors.update(|errors| errors.push(message));
                None
            }
        }
    }

    /// Reads the file `id` again with new options, remembers them for files
    /// with the same header, and rebuilds the report.
    pub fn reread(self, id: u32, options: ReadOptions) {
        let source = self.sources.with_value(|sources| {
            sources
                .iter()
                .find(|(source_id, _)| *source_id == id)
                .map(|(_, source)| source.clone())
        });
        let Some(source) = source else {
            return;
        };
        self.reading.update(|reading| *reading += 1);
        spawn_local(async move {
            let start = browser::now_ms();
            let loaded = self.read(&source, options.clone()).await;
            let load_ms = browser::now_ms() - start;
            self.reading.update(|reading| *reading -= 1);
            let Some(loaded) = loaded else {
                return;
            };
            self.remember_read_options(&loaded.header_key, &options);
            let Some(index) = self.index_of(id) else {
                return;
            };
            let shown = self
                .files
                .with_untracked(|files| files[index].summary.name.clone());
            let loaded = renamed(loaded, &shown);
            let summary = Arc::new(FileSummary::of(&loaded));
            self.loaded.update_value(|files| files[index] = loaded);
            self.files.update(|files| {
                files[index].options = options;
                files[index].summary = summary;
            });
            self.rebuild(load_ms);
        });
    }

    /// Takes the file `id` out of the report.
    pub fn remove(self, id: u32) {
        self.remove_quietly(id);
        self.rebuild(0.0);
    }

    /// Takes every file out of the report.
    pub fn remove_all(self) {
        let ids: Vec<u32> = self
            .files
            .with_untracked(|files| files.iter().map(|entry| entry.id).collect());
        for id in ids {
            self.remove_quietly(id);
        }
        self.rebuild(0.0);
    }

    /// Takes out the files the page made itself (the sample data).
    fn remove_sample_quietly(self) {
        let ids: Vec<u32> = self.sources.with_value(|sources| {
            sources
                .iter()
                .filter(|(_, source)| matches!(source, FileSource::Bytes { .. }))
                .map(|(id, _)| *id)
                .collect()
        });
        for id in ids {
            self.remove_quietly(id);
        }
    }

    fn remove_quietly(self, id: u32) {
        let Some(index) = self.index_of(id) else {
            return;
        };
        self.sources
            .update_value(|sources| sources.retain(|(source_id, _)| *source_id != id));
        self.loaded.update_value(|files| {
            files.remove(index);
        });
        self.files.update(|files| {
            files.remove(index);
        });
    }

    fn index_of(self, id: u32) -> Option<usize> {
        self.files
            .with_untracked(|files| files.iter().position(|entry| entry.id == id))
    }

    /// Changes the settings, saves them and rebuilds the report.
    pub fn update_settings(self, change: impl FnOnce(&mut Settings)) {
        self.settings.update(change);
        let saved = self.settings.with_untracked(serde_json::to_string);
        match saved {
            Ok(json) => self.report_error(browser::store(SETTINGS_KEY, &json)),
            Err(error) => self.report_error(Err(format!("settings: {error}"))),
        }
        self.rebuild(0.0);
    }

    /// Sets `goal`, replacing any goal for the same KPI.
    pub fn set_goal(self, goal: Goal) {
        self.update_settings(|settings| {
            settings.goals.retain(|known| known.kpi != goal.kpi);
            settings.goals.push(goal);
            settings.goals.sort_by_key(|known| known.kpi);
        });
    }

    /// Removes the goal for `kpi`.
    pub fn remove_goal(self, kpi: Kpi) {
        self.update_settings(|settings| settings.goals.retain(|goal| goal.kpi != kpi));
    }

    /// Sets the agent names of message logs, saves them and reads every
    /// message-log file again with them.
    pub fn set_agent_names(self, names: Vec<String>) {
        let json = serde_json::to_string(&names).unwrap_or_default();
        self.report_error(browser::store(AGENT_NAMES_KEY, &json));
        self.agent_names.set(names.clone());
        let logs: Vec<(u32, ReadOptions)> = self.files.with_untracked(|files| {
            files
                .iter()
                .filter(|entry| entry.summary.kinds.contains(&FileKind::Messages))
                .map(|entry| (entry.id, entry.options.clone()))
                .collect()
        });
        for (id, mut options) in logs {
            options.agent_names = names.clone();
            self.reread(id, options);
        }
    }

    /// Offers settings, goals and agent names as one JSON file download.
    pub fn export_settings(self) {
        let names = self.agent_names.get_untracked();
        let json = self
            .settings
            .with_untracked(|settings| settings_file::settings_to_json(settings, &names));
        self.report_error(browser::download(SETTINGS_FILE, "application/json", &json));
    }

    /// Replaces the settings with those of a file made by
    /// [`export_settings`](Self::export_settings); a goals-only file
    /// replaces only the goals.
    pub fn import_settings(self, file: web_sys::File) {
        spawn_local(async move {
            let current = self.settings.get_untracked();
            let names = self.agent_names.get_untracked();
            let imported = browser::read_text(&file)
                .await
                .and_then(|text| settings_file::settings_from_json(&text, &current, &names))
                .map_err(|error| format!("{}: {error}", file.name()));
            match imported {
                Ok(imported) => {
                    if imported.agent_names != names {
                        self.set_agent_names(imported.agent_names);
                    }
                    self.update_settings(|settings| *settings = imported.settings);
                    self.imports.update(|imports| *imports += 1);
                }
                Err(message) => self.report_error(Err(message)),
            }
        });
    }

    /// Offers the goals as a JSON file download.
    pub fn export_goals(self) {
        let json = self
            .settings
            .with_untracked(|settings| goals::goals_to_json(&settings.goals));
        self.report_error(browser::download(GOALS_FILE, "application/json", &json));
    }

    /// Shows `result`'s error on the page, if it has one.
    pub fn report_error(self, result: Result<(), String>) {
        if let Err(message) = result {
            warn!("{message}");
            self.errors.update(|errors| errors.push(message));
        }
    }

    fn remember_read_options(self, header_key: &str, options: &ReadOptions) {
        let key = format!("{MAPPING_KEY_PREFIX}{header_key}");
        match serde_json::to_string(options) {
            Ok(json) => self.report_error(browser::store(&key, &json)),
            Err(error) => self.report_error(Err(format!("read options: {error}"))),
        }
    }

    /// Builds the report from every loaded file under the current settings,
    /// with "now" from the browser's clock.
    fn rebuild(self, load_ms: f64) {
        self.builds.update(|builds| *builds += 1);
        if self.loaded.with_value(Vec::is_empty) {
            self.report.set(None);
            self.timing.set(None);
            return;
        }
        let mut settings = self.settings.get_untracked();
        settings.as_of = browser::now();

        let start = browser::now_ms();
        let report = self
            .loaded
            .with_value(|files| report::build(files, &settings));
        let report_ms = browser::now_ms() - start;

        let (files, rows) = self
            .loaded
            .with_value(|files| (files.len(), files.iter().map(|file| file.rows.total).sum()));
        debug!(
            "report built: {files} files, {rows} rows, {} problems in {report_ms:.0} ms",
            report.problems.len()
        );
        self.report.set(Some(Arc::new(report)));
        self.timing.set(Some(Timing {
            files,
            rows,
            load_ms,
            report_ms,
        }));
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new()
    }
}

/// Returns the settings saved by an earlier visit, else the defaults in
/// the browser's time zone.
fn saved_settings() -> Settings {
    let saved =
        browser::stored(SETTINGS_KEY).and_then(|json| serde_json::from_str::<Settings>(&json).ok());
    let mut settings =
        saved.unwrap_or_else(|| Settings::new(&browser::time_zone(), browser::now()));
    settings.as_of = browser::now();
    settings
}

fn saved_agent_names() -> Vec<String> {
    browser::stored(AGENT_NAMES_KEY)
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

fn saved_read_options(header_key: &str) -> Option<ReadOptions> {
    let json = browser::stored(&format!("{MAPPING_KEY_PREFIX}{header_key}"))?;
    serde_json::from_str(&json).ok()
}

/// Returns `name`, or `name (2)`, `name (3)`… when `taken` already holds
/// it, so that two files of the same name are both kept and told apart.
pub fn unique_name(name: &str, taken: &[&str]) -> String {
    if !taken.contains(&name) {
        return name.to_string();
    }
    (2..)
        .map(|number| format!("{name} ({number})"))
        .find(|candidate| !taken.contains(&candidate.as_str()))
        .unwrap_or_else(|| name.to_string())
}

/// Gives `loaded` the name the page shows, in the file and in the
/// location of each of its problems, so that the report names it so too.
fn renamed(mut loaded: LoadedFile, shown: &str) -> LoadedFile {
    if loaded.name == shown {
        return loaded;
    }
    for problem in &mut loaded.problems {
        if problem.location.file == loaded.name {
            problem.location.file = shown.to_string();
        }
    }
    loaded.name = shown.to_string();
    loaded
}
