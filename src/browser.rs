//! Browser glue: reading dropped files in chunks, local storage, downloads,
//! the browser's clock and time zone.
//!
//! This is the only module that touches `web_sys` and `js_sys`. Every
//! JavaScript error is turned into a short message for the page; nothing
//! here panics. It never parses CSV: bytes go to the core's
//! [`FileLoader`] as they arrive.

use chrono::{DateTime, Utc};
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, FileList, HtmlAnchorElement, Storage, Url};

use crate::core::load::{FileLoader, LoadedFile};
use crate::core::settings::ReadOptions;

/// Bytes read from a file per step. Each step awaits the browser, so the
/// page stays responsive while a large file loads.
const CHUNK_BYTES: usize = 1 << 20;

/// A file the user chose, kept so that it can be read again when its read
/// options change. Only the handle is kept, never the text.
#[derive(Clone, Debug)]
pub enum FileSource {
    /// A file from the picker or a drop.
    Picked(File),
    /// Bytes made by the page itself, such as the sample data.
    Bytes {
        name: String,
        bytes: std::rc::Rc<Vec<u8>>,
    },
}

impl FileSource {
    pub fn name(&self) -> String {
        match self {
            FileSource::Picked(file) => file.name(),
            FileSource::Bytes { name, .. } => name.clone(),
        }
    }

    pub fn size(&self) -> f64 {
        match self {
            FileSource::Picked(file) => file.size(),
            FileSource::Bytes { bytes, .. } => bytes.len() as f64,
        }
    }
}

/// Reads `source` in chunks into a [`FileLoader`] with `options`.
pub async fn load(source: &FileSource, options: ReadOptions) -> Result<LoadedFile, String> {
    let name = source.name();
    let mut loader = FileLoader::new(&name, options);
    match source {
        FileSource::Picked(file) => push_file(file, &mut loader).await?,
        FileSource::Bytes { bytes, .. } => {
            for chunk in bytes.chunks(CHUNK_BYTES) {
                loader.push(chunk);
            }
        }
    }
    Ok(loader.finish())
}

async fn push_file(file: &File, loader: &mut FileLoader) -> Result<(), String> {
    let size = file.size();
    let mut start = 0.0;
    while start < size {
        let end = (start + CHUNK_BYTES as f64).min(size);
        let blob = file
            .slice_with_f64_and_f64(start, end)
            .map_err(|error| read_error(file, &error))?;
        let buffer = JsFuture::from(blob.array_buffer())
            .await
            .map_err(|error| read_error(file, &error))?;
        loader.push(&Uint8Array::new(&buffer).to_vec());
        start = end;
    }
    Ok(())
}

fn read_error(file: &File, error: &JsValue) -> String {
    format!(
        "{}: the browser could not read the file ({})",
        file.name(),
        describe(error)
    )
}

/// Reads a small file whole as text (UTF-8), e.g. an imported goals file.
pub async fn read_text(file: &File) -> Result<String, String> {
    let text = JsFuture::from(file.text())
        .await
        .map_err(|error| read_error(file, &error))?;
    text.as_string()
        .ok_or_else(|| format!("{}: the browser returned no text", file.name()))
}

/// Returns the files of a file input, in the order the user chose them.
pub fn files_of(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|index| list.get(index))
        .collect()
}

/// Returns the files of a drop event.
pub fn dropped_files(event: &web_sys::DragEvent) -> Vec<File> {
    files_of(event.data_transfer().and_then(|transfer| transfer.files()))
}

/// Returns the files chosen in the `<input type="file">` that fired
/// `event`, and clears the input.
pub fn input_files(event: &web_sys::Event) -> Vec<File> {
    let input = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok());
    let Some(input) = input else {
        return Vec::new();
    };
    let files = files_of(input.files());
    // Clearing the value lets the same file be chosen again after a change.
    input.set_value("");
    files
}

/// Returns milliseconds since the epoch, for timing the page's own steps.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Returns "now" for the report, from the browser's clock.
pub fn now() -> DateTime<Utc> {
    Utc::now()
}

/// Returns the browser's IANA time zone, e.g. `Europe/Paris`, or `UTC`
/// when the browser does not name one.
pub fn time_zone() -> String {
    let format = js_sys::Intl::DateTimeFormat::new(&Array::new(), &Object::new());
    let options = format.resolved_options();
    Reflect::get(&options, &JsValue::from_str("timeZone"))
        .ok()
        .and_then(|zone| zone.as_string())
        .unwrap_or_else(|| "UTC".to_string())
}

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Returns the value stored under `key`, if storage is available and
/// has one.
pub fn stored(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores `value` under `key`.
pub fn store(key: &str, value: &str) -> Result<(), String> {
    let storage = storage().ok_or("local storage: not available in this browser")?;
    storage.set_item(key, value).map_err(|error| {
        format!(
            "local storage: could not save \"{key}\" ({})",
            describe(&error)
        )
    })
}

/// Offers `text` to the user as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |error: JsValue| format!("download {name}: {}", describe(&error));

    let parts = Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(fail)?;

    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or_else(|| format!("download {name}: no document"))?;
    let anchor = document
        .create_element("a")
        .map_err(fail)?
        .dyn_into::<HtmlAnchorElement>()
        .map_err(|_| format!("download {name}: could not create a link"))?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();

    Url::revoke_object_url(&url).map_err(fail)
}

/// Installs a panic hook that logs the panic to the console and shows a
/// message on the page, because the release build aborts on a panic and
/// the page then stops responding.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_fatal_error();
    }));
}

fn show_fatal_error() {
    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return;
    };
    let (Ok(message), Some(body)) = (document.create_element("p"), document.body()) else {
        return;
    };
    message.set_class_name("fatal-error");
    message.set_attribute("role", "alert").ok();
    message.set_text_content(Some(
        "The page stopped because of an internal error (details are in the browser's console). \
         Reload the page to start again; your files were not sent anywhere.",
    ));
    body.prepend_with_node_1(&message).ok();
}

/// Describes a JavaScript error in one line of text.
fn describe(error: &JsValue) -> String {
    if let Some(error) = error.dyn_ref::<js_sys::Error>() {
        return String::from(error.message());
    }
    error.as_string().unwrap_or_else(|| format!("{error:?}"))
}
