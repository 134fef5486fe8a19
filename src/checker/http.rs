//! HTTP probes for `http` checks: one GET, retried only while there is reason to believe a server
//! is starting (a container publishing the port started moments ago). Nothing listening and no
//! such container means "refused" at once, with no waiting.

use std::time::Duration;

use super::round::Round;
use crate::check::HttpCheck;
use crate::facts::{HttpFacts, HttpFailure};

/// A container that started this recently may still be starting its server.
const STARTING_WINDOW_SECS: i64 = 10;

/// Pause between attempts while a server is starting.
const RETRY_PAUSE: Duration = Duration::from_millis(250);

/// GET the check's URL; retries (up to `retries`) only while a server is starting.
pub async fn get(
    client: &reqwest::Client,
    round: &Round<'_>,
    c: &HttpCheck,
) -> Result<HttpFacts, HttpFailure> {
    let mut attempt = 0;
    loop {
        match once(client, c).await {
            Ok(f) => return Ok(f),
            Err(HttpFailure::Refused)
                if attempt < c.retries.min(10) && starting(round, c).await =>
            {
                attempt += 1;
                tokio::time::sleep(RETRY_PAUSE).await;
            }
            Err(e) => return Err(e),
        }
    }
}

async fn once(client: &reqwest::Client, c: &HttpCheck) -> Result<HttpFacts, HttpFailure> {
    let resp = client
        .get(&c.url)
        .timeout(Duration::from_millis(c.timeout_ms))
        .send()
        .await
        .map_err(|e| failure(&e))?;
    let status = resp.status().as_u16();
    let body = resp.text().await.unwrap_or_default();
    Ok(HttpFacts { status, body })
}

/// Whether a running container publishing the URL's port on this machine started moments ago.
async fn starting(round: &Round<'_>, c: &HttpCheck) -> bool {
    let Ok(url) = reqwest::Url::parse(&c.url) else {
        return false;
    };
    let local = matches!(
        url.host_str(),
        Some("localhost" | "127.0.0.1" | "[::1]" | "::1" | "0.0.0.0")
    );
    let Some(port) = url.port_or_known_default().filter(|_| local) else {
        return false;
    };
    let now = crate::clock::now();
    round.publishing(port).await.is_ok_and(|found| {
        found
            .iter()
            .any(|f| now - f.started <= crate::clock::from_secs(STARTING_WINDOW_SECS))
    })
}

/// Classifies a client error so the learner reads "refused" or "timed out" in their language.
fn failure(e: &reqwest::Error) -> HttpFailure {
    if e.is_timeout() {
        return HttpFailure::Timeout;
    }
    let mut cur: &dyn std::error::Error = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    match cur
        .downcast_ref::<std::io::Error>()
        .map(std::io::Error::kind)
    {
        Some(std::io::ErrorKind::ConnectionRefused) => HttpFailure::Refused,
        Some(std::io::ErrorKind::TimedOut) => HttpFailure::Timeout,
        _ => HttpFailure::Other(cur.to_string()),
    }
}
