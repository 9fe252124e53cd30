//! The access log: one line per request, and the text of slow queries.
//!
//! `2026-12-02T10:04:05.123Z 127.0.0.1:50312 POST /sparql 200 4312B 8.1ms select`
//! and, for a query slower than the slow-query threshold, a second line
//! `... SLOW 2315.0ms query: SELECT ...` with the query on one line (cut at 2,000
//! characters). Lines go to standard error or a file (`--access-log`).

use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What a handler tells the log about its request (a response extension).
#[derive(Debug, Clone, Default)]
pub struct QueryNote {
    /// "select", "ask", "graph", "update", "gsp", "describe".
    pub kind: &'static str,
    /// The query or update text.
    pub text: String,
}

/// Where log lines go, and the slow-query threshold.
pub struct AccessLog {
    out: Mutex<Box<dyn Write + Send>>,
    /// Queries at least this slow are logged with their text.
    pub slow: Duration,
}

/// `2026-12-02T10:04:05.123Z` for `t`.
pub fn rfc3339(t: SystemTime) -> String {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = d.as_secs() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let date = crate::report::model::civil_date(days);
    format!(
        "{date}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        d.subsec_millis()
    )
}

impl AccessLog {
    /// A log writing to `out`.
    pub fn new(out: Box<dyn Write + Send>, slow: Duration) -> Self {
        AccessLog {
            out: Mutex::new(out),
            slow,
        }
    }

    /// Logs one request.
    #[allow(clippy::too_many_arguments)]
    pub fn request(
        &self,
        client: &str,
        method: &str,
        path: &str,
        status: u16,
        bytes: Option<u64>,
        took: Duration,
        note: Option<&QueryNote>,
    ) {
        let now = rfc3339(SystemTime::now());
        let ms = took.as_secs_f64() * 1000.0;
        let size = bytes.map_or("-".to_string(), |b| format!("{b}B"));
        let kind = note.map_or("-", |n| n.kind);
        let mut line = format!("{now} {client} {method} {path} {status} {size} {ms:.1}ms {kind}\n");
        if let Some(n) = note.filter(|_| took >= self.slow) {
            let text: String = n
                .text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .take(2000)
                .collect();
            line.push_str(&format!(
                "{now} {client} SLOW {ms:.1}ms {}: {text}\n",
                n.kind
            ));
        }
        if let Ok(mut out) = self.out.lock() {
            let _ = out.write_all(line.as_bytes());
            let _ = out.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_utc_rfc3339() {
        let t = UNIX_EPOCH + Duration::from_millis(1_733_133_845_123);
        assert_eq!(rfc3339(t), "2024-12-02T10:04:05.123Z");
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
    }
}
