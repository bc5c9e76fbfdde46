//! Which screen is shown: the app's state says it, the key tables and the frame follow it.

/// The screens, in Tab order (the live one is Run or Compare, whichever the group needs;
/// an opened sweep shares the Sweeps tab).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Picker,
    Runs,
    Sweeps,
    Sweep,
    Run,
    Compare,
}
