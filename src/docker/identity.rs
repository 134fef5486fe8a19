//! Which daemon answered: its id and host name from `/info`, so a grade says whose work it saw.

use serde::Serialize;

use super::connect::Daemon;
use crate::check::Unverifiable;

/// The daemon's identity as `/info` reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identity {
    /// The daemon's id (stable across restarts of the same engine).
    pub id: String,
    /// The host name of the machine the daemon runs on.
    pub name: String,
}

impl Daemon {
    /// Who this daemon is: asked of `/info` at the first call on a connection, then kept (a
    /// connection reaches one engine; reconnecting asks again).
    pub async fn identity(&self) -> Result<Identity, Unverifiable> {
        let ask = || async {
            let info = self
                .docker
                .info()
                .await
                .map_err(|e| Unverifiable::DaemonError {
                    error: e.to_string(),
                })?;
            Ok(Identity {
                id: info.id.unwrap_or_default(),
                name: info.name.unwrap_or_default(),
            })
        };
        self.identity.get_or_try_init(ask).await.cloned()
    }
}
