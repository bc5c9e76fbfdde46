//! What a key means, apart from which key it is: the key tables in each screen's folder map
//! keys to these, and each screen's `on_action` says what they do there.

/// What a key means. The key tables (each screen's `keys.rs`) are the only place that knows
/// the keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Left,
    Right,
    Enter,
    /// Esc: close a popup, or go back to where the screen was opened from.
    Back,
    PageUp,
    PageDown,
    Home,
    End,
    NextScreen,
    PrevScreen,
    TogglePause,
    Checkpoint,
    /// Stop the chosen runs with a checkpoint (they can be resumed).
    Stop,
    /// Resume every stopped run shown.
    ResumeStopped,
    Quit,
    /// Ctrl-C: the same question as `q`.
    Interrupt,
    Help,
    /// Open the message log.
    Log,
    ToggleLogX,
    /// Show the circuit progress measures instead of loss and norm.
    ToggleCircuits,
    /// Sweep screen: the next of the paper's figures instead of the cell's curves.
    NextFigure,
    MoreSeeds,
    FewerSeeds,
    HalveSteps,
    DoubleSteps,
    Rescan,
    /// Runs tab: mark or unmark the selected run for comparison.
    ToggleMark,
    /// Runs tab: compare the marked runs (or the selected run's seeds).
    CompareMarked,
    /// Runs tab: the selected run's overview (every fact and setting).
    Inspect,
    /// Runs tab: how the two marked runs' settings differ.
    DiffMarked,
    /// Runs tab: sort by the next column.
    CycleSort,
    /// Runs tab: turn the sort order round.
    ReverseSort,
    /// Runs tab: type a filter on the names.
    Filter,
    /// While typing a filter: delete the last character.
    DeleteChar,
    /// Run view: zoom the step axis in around the cursor.
    ZoomIn,
    /// Run view: the whole run again (step and y zoom off).
    ZoomReset,
    /// Run view: the accuracy chart's y axis onto the small values, or back to 0–100 %.
    ToggleYZoom,
    /// Run view: the next smoothing strength.
    CycleSmoothing,
    /// Run view: the step cursor onto the next phase event.
    NextEvent,
    /// Run view: the step cursor onto the previous phase event.
    PrevEvent,
    /// Run and compare views: ring the terminal bell on phase events, or stop.
    ToggleBell,
    /// Run view: write its charts as SVG and PNG.
    Export,
    /// Run view of a finished run: ask how many steps to train it further.
    Extend,
    /// The grid question: run the whole sweep.
    StartSweep,
    /// The grid question: run its first cell only.
    StartFirstCell,
}

impl Action {
    /// The next selection in a wrapping list of `n > 0` items: back for Up/Left, on otherwise.
    pub fn wrap(self, selected: usize, n: usize) -> usize {
        match self {
            Action::Up | Action::Left => (selected + n - 1) % n,
            _ => (selected + 1) % n,
        }
    }
}
