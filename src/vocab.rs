//! The text form of the crate's small vocabularies (the enums data files write: a commodity, a
//! flag, a claim's bound): one macro, so that every vocabulary reads case-insensitively, accepts
//! its aliases, names what it expected on a bad value, and serializes as its text.

/// Implements `Display` from a `name()` method, `FromStr` from a name table, and serde through
/// the text form.
macro_rules! text_enum {
    ($ty:ident, $what:literal, $expected:literal, { $($variant:ident => $name:literal $(| $alias:literal)*),+ $(,)? }) => {
        impl $ty {
            /// Every value, in file order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The text used in files.
            pub const fn name(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),+
                }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = $crate::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let t = s.trim();
                $(
                    if t.eq_ignore_ascii_case($name) $(|| t.eq_ignore_ascii_case($alias))* {
                        return Ok($ty::$variant);
                    }
                )+
                Err($crate::error::Detail::Parse { what: $what, input: s.to_string(), expected: $expected }.into())
            }
        }

        impl TryFrom<String> for $ty {
            type Error = $crate::Error;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                s.parse()
            }
        }

        impl From<$ty> for String {
            fn from(v: $ty) -> String {
                v.name().to_string()
            }
        }
    };
}

pub(crate) use text_enum;
