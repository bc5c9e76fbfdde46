//! Which screen is shown: the app's state says it, the key tables and the frame follow it.

/// Declares [`Screen`], [`Screen::ALL`] and [`Screen::tab`] from one list, so a new screen
/// cannot be left out of the list the tests go through, nor lack a tab.
macro_rules! screens {
    ($(#[$doc:meta])* $($name:ident in $tab:literal),+ $(,)?) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Screen {
            $($name),+
        }

        impl Screen {
            /// Every screen, in Tab order.
            pub const ALL: &'static [Screen] = &[$(Screen::$name),+];

            /// The index of the tab the screen is shown under (a screen opened from a tab
            /// shares it).
            pub const fn tab(self) -> usize {
                match self {
                    $(Screen::$name => $tab),+
                }
            }
        }
    };
}

screens! {
    /// The screens, in Tab order, each with its tab: an opened sweep shares the Sweeps tab,
    /// the live view (Run or Compare, whichever the group needs) has the fourth.
    Picker in 0,
    Runs in 1,
    Overview in 1,
    Sweeps in 2,
    Sweep in 2,
    Run in 3,
    Compare in 3,
}
