//! Logs captured for assertions: a writer for `tracing_subscriber` that
//! keeps everything in a shared buffer.

use std::io::Write;
use std::sync::{Arc, Mutex};

/// Everything logged so far.
#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    /// The logs as text.
    pub fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }

    /// A subscriber writing here, from `level` up, without colours. Set it
    /// as the default for a test: on a current-thread runtime the tasks the
    /// test spawns log here too.
    pub fn subscriber(&self, level: tracing::Level) -> impl tracing::Subscriber + Send + Sync {
        let writer = self.clone();
        tracing_subscriber::fmt()
            .with_max_level(level)
            .with_writer(move || writer.clone())
            .with_ansi(false)
            // Without timestamps: tests assert that digits of a secret are
            // absent, and a clock reading must not contain them by chance.
            .without_time()
            .finish()
    }
}
