//! A subscription as the matcher holds it: `{id, folder, view, types, filters?}`.
//! `folder` is the numeric folder id (as a number or digit string: deliveries carry the
//! number, so a folder *name* could never match and is refused). `view` is kept for
//! the caller; SUMIT has already filtered by view before it delivers, and a delivery
//! does not say which view it came through.

use super::filter::Filter;
use super::id::parse_id;
use super::limits::{MAX_FILTERS, MAX_SUBSCRIPTIONS};
use super::normalize::{kind_of, lookup, parse_trigger_type};
use crate::api::TriggerType;
use crate::error::{Error, Issue, Path};
use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub struct Subscription {
    pub id: String,
    pub folder: u64,
    pub view: Option<u64>,
    pub types: Vec<TriggerType>,
    pub filters: Vec<Filter>,
}

/// What happened to a card, as the matcher reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Create,
    Update,
    Archive,
    Delete,
}

impl Kind {
    pub fn key(self) -> &'static str {
        match self {
            Kind::Create => "create",
            Kind::Update => "update",
            Kind::Archive => "archive",
            Kind::Delete => "delete",
        }
    }
}

impl Subscription {
    /// Whether a subscription of these types wants to hear of `kind`.
    pub fn wants(&self, kind: Kind) -> bool {
        self.types.iter().any(|t| {
            matches!(
                (t, kind),
                (TriggerType::CreateOrUpdate, Kind::Create | Kind::Update)
                    | (TriggerType::Create, Kind::Create)
                    | (TriggerType::Update, Kind::Update)
                    | (TriggerType::Archive, Kind::Archive)
                    | (TriggerType::Delete, Kind::Delete)
            )
        })
    }
}

/// Parses the subscriptions, reporting every problem at once.
pub fn parse_subscriptions(v: &Value) -> Result<Vec<Subscription>, Error> {
    let items = match v {
        Value::Array(a) => a,
        Value::Null => return Ok(Vec::new()),
        other => {
            return Err(Error::at("subscriptions", "invalid_subscription", format!("must be an array, got {}", kind_of(other))))
        }
    };
    if items.len() > MAX_SUBSCRIPTIONS {
        return Err(Error::at(
            "subscriptions",
            "too_large",
            format!("has {} subscriptions; the limit is {MAX_SUBSCRIPTIONS}", items.len()),
        ));
    }
    let mut out = Vec::with_capacity(items.len());
    let mut issues: Vec<Issue> = Vec::new();
    let root = Path::root().key("subscriptions");
    let mut ids: Vec<String> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let id = match item.get("id") {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        match parse_one(item, &root.index(i)) {
            Ok(s) => out.push(s),
            Err(e) => issues.extend(e.issues),
        }
        if let Some(id) = id {
            if ids.contains(&id) {
                issues.push(Issue::new(root.index(i).key("id").as_str(), "duplicate_subscription", format!("id {id:?} is used twice")));
            }
            ids.push(id);
        }
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        let first = &issues[0];
        let mut e = Error::new(
            "invalid_subscription",
            format!("invalid subscriptions: {}: {}{}", first.path, first.message, more(issues.len())),
        );
        e.path = Some(first.path.clone());
        Err(e.with_issues(issues))
    }
}

fn more(n: usize) -> String {
    if n > 1 {
        format!(" (and {} more)", n - 1)
    } else {
        String::new()
    }
}

fn parse_one(v: &Value, path: &Path) -> Result<Subscription, Error> {
    let m = match v {
        Value::Object(m) => m,
        other => return Err(Error::at(path.as_str(), "invalid_subscription", format!("must be an object, got {}", kind_of(other)))),
    };
    let mut issues = Vec::new();
    let id = match m.get("id") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => {
            issues.push(Issue::new(path.key("id").as_str(), "invalid_subscription", "must be a non-empty text or number"));
            String::new()
        }
    };
    let folder = match lookup(m, "folder", &["folder"]) {
        Some(f) => parse_id(f, path.key("folder").as_str()).map_err(|e| issues.extend(e.issues)).unwrap_or(0),
        None => {
            issues.push(Issue::new(path.key("folder").as_str(), "invalid_subscription", "is required: the numeric folder id"));
            0
        }
    };
    let view = match lookup(m, "view", &["view"]) {
        None | Some(Value::Null) => None,
        Some(v) => parse_id(v, path.key("view").as_str()).map_err(|e| issues.extend(e.issues)).ok(),
    };
    let mut types = Vec::new();
    let type_path = path.key("types");
    match lookup(m, "types", &["types", "type"]) {
        Some(Value::String(s)) => match parse_trigger_type(s, type_path.as_str()) {
            Ok(t) => types.push(t),
            Err(e) => issues.extend(e.issues),
        },
        Some(Value::Array(a)) if !a.is_empty() => {
            for (i, t) in a.iter().enumerate() {
                let p = type_path.index(i);
                match t {
                    Value::String(s) => match parse_trigger_type(s, p.as_str()) {
                        Ok(t) if !types.contains(&t) => types.push(t),
                        Ok(_) => {}
                        Err(e) => issues.extend(e.issues),
                    },
                    other => issues.push(Issue::new(p.as_str(), "unknown_trigger_type", format!("must be text, got {}", kind_of(other)))),
                }
            }
        }
        _ => issues.push(Issue::new(
            type_path.as_str(),
            "invalid_subscription",
            format!("must list at least one of {}", TriggerType::valid_names()),
        )),
    }
    let mut filters = Vec::new();
    let filter_path = path.key("filters");
    match m.get("filters") {
        None | Some(Value::Null) => {}
        Some(Value::Array(a)) if a.len() > MAX_FILTERS => issues.push(Issue::new(
            filter_path.as_str(),
            "too_large",
            format!("has {} filters; the limit is {MAX_FILTERS}", a.len()),
        )),
        Some(Value::Array(a)) => {
            for (i, f) in a.iter().enumerate() {
                match Filter::parse(f, &filter_path.index(i)) {
                    Ok(f) => filters.push(f),
                    Err(e) => issues.extend(e.issues),
                }
            }
        }
        Some(other) => issues.push(Issue::new(filter_path.as_str(), "invalid_filter", format!("must be an array, got {}", kind_of(other)))),
    }
    if issues.is_empty() {
        Ok(Subscription { id, folder, view, types, filters })
    } else {
        Err(Error::new("invalid_subscription", "invalid subscription").with_issues(issues))
    }
}
