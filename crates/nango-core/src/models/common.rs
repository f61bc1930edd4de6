//! Shapes shared by several API groups.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Connection tags: lowercase keys, string values (at most 10 pairs).
pub type Tags = BTreeMap<String, String>;

/// The `{"data": ...}` envelope most endpoints answer with.
///
/// ```
/// let d: nango_core::models::common::Data<u32> = serde_json::from_str(r#"{"data":3}"#).unwrap();
/// assert_eq!(d.data, 3);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Data<T> {
    /// The payload.
    pub data: T,
}

/// `{"success": true}`.
///
/// ```
/// let s: nango_core::models::common::Success = serde_json::from_str(r#"{"success":true}"#).unwrap();
/// assert!(s.success);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Success {
    /// Whether the operation succeeded.
    #[serde(default)]
    pub success: bool,
}

/// One id or several: Nango's metadata endpoints take either.
///
/// ```
/// use nango_core::models::common::OneOrMany;
/// let one: OneOrMany = "conn-1".into();
/// assert_eq!(serde_json::to_string(&one).unwrap(), r#""conn-1""#);
/// let many: OneOrMany = vec!["a", "b"].into();
/// assert_eq!(serde_json::to_string(&many).unwrap(), r#"["a","b"]"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// A single id.
    One(String),
    /// Several ids.
    Many(Vec<String>),
}

impl OneOrMany {
    /// The ids as a slice-like list.
    ///
    /// ```
    /// # use nango_core::models::common::OneOrMany;
    /// assert_eq!(OneOrMany::from("x").ids(), vec!["x"]);
    /// ```
    pub fn ids(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(id) => vec![id.as_str()],
            OneOrMany::Many(ids) => {
                let mut out = Vec::with_capacity(ids.len());
                for id in ids {
                    out.push(id.as_str());
                }
                out
            }
        }
    }
}

impl From<&str> for OneOrMany {
    fn from(v: &str) -> Self {
        OneOrMany::One(v.to_owned())
    }
}

impl From<String> for OneOrMany {
    fn from(v: String) -> Self {
        OneOrMany::One(v)
    }
}

impl From<Vec<String>> for OneOrMany {
    fn from(v: Vec<String>) -> Self {
        OneOrMany::Many(v)
    }
}

impl From<Vec<&str>> for OneOrMany {
    fn from(v: Vec<&str>) -> Self {
        OneOrMany::Many(v.into_iter().map(str::to_owned).collect())
    }
}

impl<const N: usize> From<[&str; N]> for OneOrMany {
    fn from(v: [&str; N]) -> Self {
        OneOrMany::Many(v.iter().map(|s| (*s).to_owned()).collect())
    }
}

/// A deprecated end-user profile (prefer [`Tags`]).
///
/// ```
/// let u: nango_core::models::common::EndUser = serde_json::from_str(r#"{"id":"u1","email":null}"#).unwrap();
/// assert_eq!(u.id, "u1");
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EndUser {
    /// The end user's id.
    pub id: String,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// End-user tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<serde_json::Map<String, serde_json::Value>>,
    /// The organization, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<Organization>,
}

// A constructor and chained setters: the struct is `#[non_exhaustive]` (the
// server may send more profile fields), so other crates cannot build it with a
// struct literal.
impl EndUser {
    /// A profile for end user `id`.
    ///
    /// ```
    /// let u = nango_core::models::common::EndUser::new("u1");
    /// assert_eq!(serde_json::to_string(&u).unwrap(), r#"{"id":"u1"}"#);
    /// ```
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            ..Self::default()
        }
    }

    /// Sets the email address.
    ///
    /// ```
    /// let u = nango_core::models::common::EndUser::new("u1").email("a@b.c");
    /// assert_eq!(u.email.as_deref(), Some("a@b.c"));
    /// ```
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.email = Some(email.into());
        self
    }

    /// Sets the display name.
    ///
    /// ```
    /// let u = nango_core::models::common::EndUser::new("u1").display_name("Ada");
    /// assert_eq!(u.display_name.as_deref(), Some("Ada"));
    /// ```
    pub fn display_name(mut self, name: impl Into<String>) -> Self {
        self.display_name = Some(name.into());
        self
    }

    /// Sets the organization.
    ///
    /// ```
    /// use nango_core::models::common::{EndUser, Organization};
    /// let u = EndUser::new("u1").organization(Organization::new("org"));
    /// assert_eq!(u.organization.unwrap().id, "org");
    /// ```
    pub fn organization(mut self, organization: Organization) -> Self {
        self.organization = Some(organization);
        self
    }
}

/// A deprecated organization profile.
///
/// ```
/// let o: nango_core::models::common::Organization = serde_json::from_str(r#"{"id":"org"}"#).unwrap();
/// assert_eq!(o.display_name, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Organization {
    /// The organization's id.
    pub id: String,
    /// Its display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
}

// A constructor and a setter: the struct is `#[non_exhaustive]`, so other crates
// cannot build it with a struct literal.
impl Organization {
    /// An organization with id `id`.
    ///
    /// ```
    /// let o = nango_core::models::common::Organization::new("org");
    /// assert_eq!(o.id, "org");
    /// ```
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            display_name: None,
        }
    }

    /// Sets the display name.
    ///
    /// ```
    /// let o = nango_core::models::common::Organization::new("org").display_name("Acme");
    /// assert_eq!(o.display_name.as_deref(), Some("Acme"));
    /// ```
    pub fn display_name(mut self, name: impl Into<String>) -> Self {
        self.display_name = Some(name.into());
        self
    }
}

/// `items` converted and collected, by a plain loop: one instantiation per item
/// type, shared by every builder that takes a list (a `map(Into::into).collect()`
/// at each would be its own generic code in the wasm package).
pub(crate) fn into_vec<T, S: Into<T>>(items: impl IntoIterator<Item = S>) -> Vec<T> {
    let mut out = Vec::new();
    for item in items {
        out.push(item.into());
    }
    out
}
