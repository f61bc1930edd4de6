//! Small declarative macros shared by the models.

/// Declares an open string enum: the known wire values as variants, plus
/// `Other(String)` that keeps any value the server adds later. Decoding never fails
/// on an unknown value, and encoding gives back exactly the string received.
///
/// `Name in "crate::path", example = "WIRE"` names where the enum is public and a
/// known value, for the generated doc examples.
macro_rules! string_enum {
    // Short form: `pub enum Name { .. }` inside `models::<module>`; the doc
    // example uses the first known value.
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(#[$fvmeta:meta])* $fvariant:ident = $fwire:literal,
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )*
        }
    ) => {
        $crate::macros::string_enum! {
            $(#[$meta])*
            $name in "nango_core::models::all", example = $fwire {
                $(#[$fvmeta])* $fvariant = $fwire,
                $( $(#[$vmeta])* $variant = $wire, )*
            }
        }
    };
    (
        $(#[$meta:meta])*
        $name:ident in $path:literal, example = $example:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* #[doc = concat!("`\"", $wire, "\"`")] $variant, )+
            /// A value this version of the SDK does not know, kept as sent.
            Other(String),
        }

        impl $name {
            /// The value as it appears on the wire.
            ///
            /// ```
            #[doc = concat!("use ", $path, "::", stringify!($name), ";")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::from(\"", $example, "\").as_str(), \"", $example, "\");")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::from(\"new-value\").as_str(), \"new-value\");")]
            /// ```
            #[must_use]
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )+
                    Self::Other(s) => s.as_str(),
                }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $wire => Self::$variant, )+
                    other => Self::Other(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                match Self::from(value.as_str()) {
                    Self::Other(_) => Self::Other(value),
                    known => known,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map(Self::from)
            }
        }
    };
}

pub(crate) use string_enum;
