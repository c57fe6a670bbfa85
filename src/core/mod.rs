//! The KPI core: CSV bytes and explicit settings in, plain values out.
//!
//! Nothing here touches the browser, the clock or storage: "now" arrives in
//! [`settings::Settings::as_of`]. The pipeline runs in three steps:
//!
//! 1. [`read`] decodes byte chunks and splits them into records with their
//!    physical line numbers ([`number`], [`timestamp`] and [`duration`] parse
//!    single cells);
//! 2. [`load`] matches the header to roles ([`columns`]) and turns each row
//!    into typed [`model`] records, listing every row it leaves out;
//! 3. [`report`] computes every KPI from the loaded files and the settings.

pub mod breakdown;
pub mod business_hours;
pub mod calls;
pub mod columns;
pub mod conversations;
pub mod duration;
pub mod events;
pub mod format;
pub mod goals;
pub mod load;
pub mod model;
pub mod number;
pub mod periods;
pub mod problem;
pub mod read;
pub mod report;
pub mod sample;
pub mod settings;
pub mod sla;
pub mod stats;
pub mod survey;
pub mod tickets;
pub mod timestamp;
pub mod zone;
