//! How the UI starts and steers runs. `App` talks to a `Runner`, so tests can record what it
//! would have asked of the workers; the real one spawns worker threads.

use crate::worker::{self, Control, Event, Launch, RunHandle, RunId};
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::rc::Rc;
use std::sync::mpsc::Sender;

pub trait Runner {
    /// Starts a run; its events arrive on the UI's event channel tagged with `id` (an id
    /// whose run has ended may start again: a finished run extended).
    fn start(&mut self, id: RunId, launch: Launch);
    /// Sends a control message to a run (ignored when it has ended).
    fn send(&mut self, id: RunId, control: Control);
    /// Starts `groktop sweep <preset> --out <out>` (the very code of the command line, in a
    /// process of its own, its progress lines in the sweep's log); returns its pid.
    fn start_sweep(&mut self, preset: &str, out: &Path) -> Result<u32, String>;
    /// True while the sweep started last is running.
    fn sweep_alive(&mut self) -> bool;
    /// Asks the sweep to stop as Ctrl-C would: running cells checkpoint, none starts.
    fn stop_sweep(&mut self);
}

/// Real worker threads, and the sweep process started from the UI.
pub struct Workers {
    events: Sender<Event>,
    handles: Vec<RunHandle>,
    sweep: Option<Child>,
}

impl Workers {
    pub fn new(events: Sender<Event>) -> Self {
        Self {
            events,
            handles: Vec::new(),
            sweep: None,
        }
    }
}

impl Runner for Workers {
    /// A run extended after it finished starts again under its id: the ended worker's
    /// thread is joined first, so controls reach the new one.
    fn start(&mut self, id: RunId, launch: Launch) {
        if let Some(i) = self.handles.iter().position(|h| h.id == id) {
            self.handles.swap_remove(i).join();
        }
        self.handles
            .push(worker::spawn(id, launch, self.events.clone()));
    }

    fn send(&mut self, id: RunId, control: Control) {
        if let Some(h) = self.handles.iter().find(|h| h.id == id) {
            h.send(control);
        }
    }

    fn start_sweep(&mut self, preset: &str, out: &Path) -> Result<u32, String> {
        if self.sweep_alive() {
            return Err("a sweep started here is still running".into());
        }
        let exe =
            std::env::current_exe().map_err(|e| format!("cannot find this groktop binary: {e}"))?;
        let log = crate::record::SweepDir::new(out)
            .open_log()
            .map_err(|e| e.0)?;
        let err = log
            .try_clone()
            .map_err(|e| format!("{}: {e}", crate::record::SWEEP_LOG))?;
        let child = Command::new(exe)
            .arg("sweep")
            .arg(preset)
            .arg("--out")
            .arg(out)
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(err)
            .spawn()
            .map_err(|e| format!("cannot start `groktop sweep {preset}`: {e}"))?;
        let pid = child.id();
        self.sweep = Some(child);
        Ok(pid)
    }

    fn sweep_alive(&mut self) -> bool {
        self.sweep
            .as_mut()
            .is_some_and(|c| matches!(c.try_wait(), Ok(None)))
    }

    fn stop_sweep(&mut self) {
        if !self.sweep_alive() {
            return;
        }
        if let Some(c) = &self.sweep {
            // SIGTERM: the sweep's handler stops its cells with a checkpoint and exits.
            let pid = libc::pid_t::try_from(c.id()).unwrap_or(0);
            if pid > 0 {
                // SAFETY: kill(2) on our own child's pid; no memory is touched.
                unsafe {
                    libc::kill(pid, libc::SIGTERM);
                }
            }
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
        self.stop_sweep();
        for h in self.handles.drain(..) {
            h.join();
        }
        if let Some(mut c) = self.sweep.take() {
            let _ = c.wait();
        }
    }
}

/// What a `Recorder` saw.
#[derive(Clone, Debug)]
pub enum Recorded {
    Start(RunId, Box<Launch>),
    Send(RunId, Control),
    /// A sweep of `preset` into `out` was started.
    Sweep(String, PathBuf),
    StopSweep,
}

/// A runner that only records (for tests and previews).
#[derive(Clone, Default)]
pub struct Recorder {
    pub log: Rc<RefCell<Vec<Recorded>>>,
    /// What `sweep_alive` answers (tests end the "sweep" by setting it false).
    pub sweep_alive: Rc<std::cell::Cell<bool>>,
}

impl Recorder {
    /// The controls sent so far, in order.
    pub fn sent(&self) -> Vec<(RunId, Control)> {
        self.log
            .borrow()
            .iter()
            .filter_map(|r| match r {
                Recorded::Send(id, c) => Some((*id, *c)),
                _ => None,
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
                _ => None,
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
    fn start_sweep(&mut self, preset: &str, out: &Path) -> Result<u32, String> {
        self.log
            .borrow_mut()
            .push(Recorded::Sweep(preset.to_string(), out.to_path_buf()));
        self.sweep_alive.set(true);
        Ok(1)
    }
    fn sweep_alive(&mut self) -> bool {
        self.sweep_alive.get()
    }
    fn stop_sweep(&mut self) {
        self.log.borrow_mut().push(Recorded::StopSweep);
    }
}
