//! What the tab row says for a few seconds and the message log keeps: notices, where the
//! exported charts went, and the bell due after a phase event.

use super::App;
use super::words as s;
use std::path::PathBuf;

/// How long a notice stays (ticks of ~100 ms).
const NOTICE_TICKS: u32 = 80;

impl App {
    /// Says where the charts went: the SVG's name alone in the tab row (a name of up to 55
    /// characters fits there at 80 columns), its whole path in the message log (or why
    /// nothing was written, in both).
    pub(super) fn say_exported(&mut self, written: Result<Vec<PathBuf>, String>) {
        match written {
            Ok(paths) => {
                let Some(svg) = paths.first() else { return };
                let name = svg
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                let whole = s::exported_to(&svg.display().to_string());
                self.notice_and_log(name, whole);
            }
            Err(e) => self.set_notice(s::export_failed(&e)),
        }
    }

    /// Tells of each file that cannot be read (`path: reason`) the first time the watcher
    /// reports it: the newest in the tab row, each in the message log.
    pub(super) fn tell_unreadable<'a>(&mut self, problems: impl IntoIterator<Item = &'a String>) {
        let new: Vec<String> = problems
            .into_iter()
            .filter(|p| !self.told_unreadable.contains(*p))
            .cloned()
            .collect();
        for p in new {
            self.told_unreadable.insert(p.clone());
            self.set_notice(s::unreadable(&p));
        }
    }

    /// Shows `text` for a few seconds in the tab row and keeps it in the message log.
    pub(super) fn set_notice(&mut self, text: String) {
        self.notice_and_log(text.clone(), text);
    }

    /// Shows `short` for a few seconds in the tab row and keeps `whole` in the message log.
    pub(super) fn notice_and_log(&mut self, short: String, whole: String) {
        self.log.push(whole);
        self.notice = Some(short);
        self.notice_ticks = NOTICE_TICKS;
    }

    /// True once when a bell is due (the terminal loop rings it).
    pub fn take_ring(&mut self) -> bool {
        std::mem::take(&mut self.ring)
    }
}
