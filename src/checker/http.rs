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
/// `serving`: the remote daemon's host the URL was pointed at, if it was.
pub async fn get(
    client: &reqwest::Client,
    round: &Round<'_>,
    c: &HttpCheck,
    serving: Option<&str>,
) -> Result<HttpFacts, HttpFailure> {
    let mut attempt = 0;
    loop {
        match once(client, c).await {
            Ok(f) => return Ok(f),
            Err(HttpFailure::Refused)
                if attempt < c.retries.min(10) && starting(round, c, serving).await =>
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

/// Whether a running container publishing the URL's port on the daemon's machine started
/// moments ago.
async fn starting(round: &Round<'_>, c: &HttpCheck, serving: Option<&str>) -> bool {
    let Ok(url) = reqwest::Url::parse(&c.url) else {
        return false;
    };
    let local = match url.host_str() {
        Some("localhost" | "127.0.0.1" | "[::1]" | "::1" | "0.0.0.0") => true,
        h => h.is_some() && h == serving,
    };
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

/// The URL with a `localhost` (or `127.0.0.1`) host replaced by `host`; `None` when it names
/// another host or does not parse.
pub fn pointed_at(url: &str, host: &str) -> Option<String> {
    let mut url = reqwest::Url::parse(url).ok()?;
    let local = matches!(url.host_str(), Some("localhost" | "127.0.0.1"));
    let host = if host.contains(':') {
        format!("[{host}]") // an IPv6 address
    } else {
        host.to_string()
    };
    (local && url.set_host(Some(&host)).is_ok()).then(|| url.to_string())
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

/// A loopback HTTP server on `ip` answering every GET with 200 and `body`, for the tests that
/// probe one; returns its port.
#[cfg(all(test, target_os = "linux"))]
pub(crate) async fn answering(ip: &str, body: &'static str) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind((ip, 0)).await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    tokio::spawn(async move {
        while let Ok((mut s, _)) = listener.accept().await {
            let mut buf = [0u8; 1024];
            let _ = s.read(&mut buf).await;
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            );
            let _ = s.write_all(format!("{head}{body}").as_bytes()).await;
        }
    });
    port
}

#[cfg(test)]
mod tests {
    use super::pointed_at;

    /// A server on `127.0.0.2` (loopback, but not this machine's `localhost`) stands for the
    /// learner's machine: a checker serving at it probes it, one that does not probes localhost.
    #[cfg(target_os = "linux")]
    #[tokio::test]
    async fn a_checker_serving_at_another_host_probes_that_host() {
        use crate::check::{Check, HttpCheck, Outcome};
        use crate::checker::{Checker, Job};
        use crate::course::{Lesson, Points, Step};
        let port = super::answering("127.0.0.2", "hello").await;
        let check = Check::Http(HttpCheck {
            url: format!("http://localhost:{port}/"),
            status: 200,
            body_contains: Some("hello".into()),
            json: false,
            timeout_ms: 2000,
            retries: 0,
        });
        let step = Step {
            id: "web".into(),
            optional: false,
            checks: vec![check],
            points: Points::whole(1),
            check_points: Vec::new(),
            text: Default::default(),
        };
        let lesson = Lesson {
            id: "01-web".into(),
            title: Default::default(),
            intro: Default::default(),
            intro_doc: Default::default(),
            steps: vec![step.clone()],
        };
        let began = crate::check::Beginning::At(0);
        let job = Job {
            lesson: &lesson,
            step: &step,
            began: &began,
        };
        let none = || Err(crate::check::Unverifiable::NoProgress);
        let dir = std::env::temp_dir();
        let remote = Checker::new(none(), dir.clone()).serving_at(Some("127.0.0.2".into()));
        let r = remote.run(&[job], &Ok(Default::default())).await;
        let c = &r[0].checks[0];
        assert_eq!(c.outcome, Outcome::Passed);
        let Check::Http(probed) = &c.check else {
            panic!("an http check: {:?}", c.check)
        };
        assert_eq!(
            probed.url,
            format!("http://127.0.0.2:{port}/"),
            "the URL reported is the one probed"
        );
        let here = Checker::new(none(), dir)
            .run(&[job], &Ok(Default::default()))
            .await;
        assert_ne!(
            here[0].checks[0].outcome,
            Outcome::Passed,
            "nothing serves on localhost:{port}"
        );
    }

    #[test]
    fn only_this_machine_is_pointed_at_the_daemons_host() {
        assert_eq!(
            pointed_at("http://localhost:8089/", "10.1.2.3").as_deref(),
            Some("http://10.1.2.3:8089/")
        );
        assert_eq!(
            pointed_at("http://127.0.0.1:5000/api?x=1", "lab-7.local").as_deref(),
            Some("http://lab-7.local:5000/api?x=1")
        );
        assert_eq!(
            pointed_at("http://localhost:8089/", "fd00::7").as_deref(),
            Some("http://[fd00::7]:8089/")
        );
        assert_eq!(pointed_at("http://example.org:80/", "10.1.2.3"), None);
        assert_eq!(pointed_at("not a url", "10.1.2.3"), None);
    }
}
