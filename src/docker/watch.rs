//! The daemon's event stream, for the trainer: one `/events` subscription from now on, mapped to
//! small typed events. The stream ends (after at most one error) when the daemon goes away; the
//! caller reconnects with backoff and re-reads state.

use bollard::query_parameters::EventsOptions;
use futures_util::{Stream, StreamExt};

use super::connect::Daemon;
use crate::facts::EventFacts;

impl Daemon {
    /// Every event from now on, until the connection breaks.
    pub fn watch(&self) -> impl Stream<Item = EventFacts> + Send + 'static {
        let opts = EventsOptions {
            since: Some(crate::clock::docker_param(crate::clock::now())),
            ..Default::default()
        };
        self.docker
            .events(Some(opts))
            .take_while(|item| std::future::ready(item.is_ok()))
            .filter_map(|item| std::future::ready(item.ok().map(event_facts)))
    }
}

/// An Engine event as the checker reads it, timed to the nanosecond.
pub(super) fn event_facts(ev: bollard::models::EventMessage) -> EventFacts {
    let actor = ev.actor.unwrap_or_default();
    EventFacts {
        object: ev.typ.map(|t| t.to_string()).unwrap_or_default(),
        action: ev.action.unwrap_or_default(),
        actor_id: actor.id.unwrap_or_default(),
        attributes: actor.attributes.unwrap_or_default(),
        time: ev
            .time_nano
            .or(ev.time.map(crate::clock::from_secs))
            .unwrap_or(0),
    }
}
