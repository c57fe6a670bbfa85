//! Browser glue: reading dropped files, local storage, downloads.
