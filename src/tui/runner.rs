//! How the UI starts and steers runs. `App` talks to a `Runner`, so tests can record what it
//! would have asked of the workers; the real one spawns worker threads.

use crate::worker::{self, Control, Event, Launch, RunHandle, RunId};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::mpsc::Sender;

pub trait Runner {
    /// Starts a run; its events arrive on the UI's event channel tagged with `id`.
    fn start(&mut self, id: RunId, launch: Launch);
    /// Sends a control message to a run (ignored when it has ended).
    fn send(&mut self, id: RunId, control: Control);
}

/// Real worker threads.
pub struct Workers {
    events: Sender<Event>,
    handles: Vec<RunHandle>,
}

impl Workers {
    pub fn new(events: Sender<Event>) -> Self {
        Self {
            events,
            handles: Vec::new(),
        }
    }
}

impl Runner for Workers {
    fn start(&mut self, id: RunId, launch: Launch) {
        self.handles
            .push(worker::spawn(id, launch, self.events.clone()));
    }

    fn send(&mut self, id: RunId, control: Control) {
        if let Some(h) = self.handles.iter().find(|h| h.id == id) {
            h.send(control);
        }
    }
}

impl Drop for Workers {
    /// However the UI ends (quit, error, panic), no worker is cut off mid-write: each is asked
    /// to stop with a checkpoint (a no-op for runs already ended) and joined.
    fn drop(&mut self) {
        for h in &self.handles {
            h.send(Control::Stop { checkpoint: true });
        }
        for h in self.handles.drain(..) {
            h.join();
        }
    }
}

/// What a `Recorder` saw.
#[derive(Clone, Debug)]
pub enum Recorded {
    Start(RunId, Box<Launch>),
    Send(RunId, Control),
}

/// A runner that only records (for tests and previews).
#[derive(Clone, Default)]
pub struct Recorder {
    pub log: Rc<RefCell<Vec<Recorded>>>,
}

impl Recorder {
    /// The controls sent so far, in order.
    pub fn sent(&self) -> Vec<(RunId, Control)> {
        self.log
            .borrow()
            .iter()
            .filter_map(|r| match r {
                Recorded::Send(id, c) => Some((*id, *c)),
                Recorded::Start(..) => None,
            })
            .collect()
    }

    /// The launches so far, in order.
    pub fn started(&self) -> Vec<(RunId, Launch)> {
        self.log
            .borrow()
            .iter()
            .filter_map(|r| match r {
                Recorded::Start(id, l) => Some((*id, (**l).clone())),
                Recorded::Send(..) => None,
            })
            .collect()
    }
}

impl Runner for Recorder {
    fn start(&mut self, id: RunId, launch: Launch) {
        self.log
            .borrow_mut()
            .push(Recorded::Start(id, Box::new(launch)));
    }
    fn send(&mut self, id: RunId, control: Control) {
        self.log.borrow_mut().push(Recorded::Send(id, control));
    }
}
