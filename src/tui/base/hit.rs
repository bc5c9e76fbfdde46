//! What a click landed on, resolved by the frame from the layout it drew, so `App::update`
//! acts on meaning (a step, a row, a cell) and never on terminal coordinates.

/// What a left click landed on (worked out from the same layout the screen is drawn with).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// The run view's charts, at this step.
    Step(u64),
    /// Row `n` of the Runs tab's list.
    RunsRow(usize),
    /// A grid point of the sweep map: its column and row.
    SweepCell(usize, usize),
}
