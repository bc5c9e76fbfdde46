//! Which screen is shown: the app's state says it, the key tables and the frame follow it.

/// Declares [`Screen`] and [`Screen::ALL`] from one list, so a new screen cannot be left out
/// of the list the tests go through.
macro_rules! screens {
    ($(#[$doc:meta])* $($name:ident),+ $(,)?) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Screen {
            $($name),+
        }

        impl Screen {
            /// Every screen, in Tab order.
            pub const ALL: &'static [Screen] = &[$(Screen::$name),+];
        }
    };
}

screens! {
    /// The screens, in Tab order (the live one is Run or Compare, whichever the group needs;
    /// an opened sweep shares the Sweeps tab).
    Picker,
    Runs,
    Sweeps,
    Sweep,
    Run,
    Compare,
}
