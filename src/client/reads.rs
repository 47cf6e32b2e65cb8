//! The reads, each returning the useful part of `Data`, and the listing of every page.

use super::call::Client;
use super::transport::{Sleeper, Transport};
use crate::error::{Error, Issue, Result};
use serde_json::{json, Map, Value};

/// `listEntities` with `all: true` stops after this many pages unless `maxPages` says
/// otherwise; the answer then has `hasNextPage: true` and `nextStartIndex`, so a caller
/// can go on from there.
pub const DEFAULT_MAX_PAGES: u64 = 100;
/// The most pages one call may be asked to fetch.
pub const MAX_PAGES_LIMIT: u64 = 10_000;

/// A call of the client by name, so that a binding needs one generic entry point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Operation {
    ListFolders,
    GetFolder,
    ListViews,
    ListEntities,
    GetEntity,
    Subscribe,
    Unsubscribe,
    /// Any action of the catalogue by its key.
    Execute(String),
}

impl<T: Transport, S: Sleeper> Client<T, S> {
    pub async fn perform(&self, operation: &Operation, params: &Value) -> Result<Value> {
        match operation {
            Operation::ListFolders => self.list_folders(params).await,
            Operation::GetFolder => self.get_folder(params).await,
            Operation::ListViews => self.list_views(params).await,
            Operation::ListEntities => self.list_entities(params).await,
            Operation::GetEntity => self.get_entity(params).await,
            Operation::Subscribe => self.subscribe(params).await,
            Operation::Unsubscribe => self.unsubscribe(params).await,
            Operation::Execute(action) => self.execute(action, params).await,
        }
    }

    /// `Data.Folders`: `[{ID, Name}]`.
    pub async fn list_folders(&self, params: &Value) -> Result<Value> {
        let data = self.execute("listFolders", params).await?;
        take(data, "Folders")
    }

    /// `Data` itself: `{Folder, Properties}`.
    pub async fn get_folder(&self, params: &Value) -> Result<Value> {
        self.execute("getFolder", params).await
    }

    /// `Data.Views`: `[{ID, Name}]`.
    pub async fn list_views(&self, params: &Value) -> Result<Value> {
        let data = self.execute("listViews", params).await?;
        take(data, "Views")
    }

    /// `Data.Entity`.
    pub async fn get_entity(&self, params: &Value) -> Result<Value> {
        let data = self.execute("getEntity", params).await?;
        take(data, "Entity")
    }

    pub async fn subscribe(&self, params: &Value) -> Result<Value> {
        self.execute("subscribeTrigger", params).await
    }

    pub async fn unsubscribe(&self, params: &Value) -> Result<Value> {
        self.execute("unsubscribeTrigger", params).await
    }

    /// One page, or with `all: true` every page from `paging.startIndex` on, as
    /// `{entities, pages, hasNextPage, nextStartIndex}`. Pages follow `HasNextPage`, and
    /// the next start is the previous one plus the number of cards received, which is
    /// right even when SUMIT raised a page size below its minimum of 10.
    pub async fn list_entities(&self, params: &Value) -> Result<Value> {
        let (mut params, all, max_pages) = paging_options(params)?;
        let mut start = start_index(&params["paging"]["startIndex"]);
        let mut entities = Vec::new();
        let mut pages = 0;
        loop {
            let data = self.execute("listEntities", &params).await?;
            pages += 1;
            let has_next = data.get("HasNextPage").and_then(Value::as_bool).unwrap_or(false);
            let page = match take(data, "Entities")? {
                Value::Array(page) => page,
                _ => return Err(unexpected("Data.Entities", "is not an array")),
            };
            let received = page.len() as u64;
            entities.extend(page);
            start += received;
            // an empty page that claims more would repeat itself forever
            if !all || !has_next || received == 0 || pages >= max_pages {
                return Ok(json!({
                    "entities": entities,
                    "pages": pages,
                    "hasNextPage": has_next,
                    "nextStartIndex": if has_next { json!(start) } else { Value::Null },
                }));
            }
            params["paging"]["startIndex"] = json!(start);
        }
    }
}

/// Splits the client's own options (`all`, `maxPages`) off the action's params, and
/// makes sure `paging` is an object that the loop can advance.
fn paging_options(params: &Value) -> Result<(Value, bool, u64)> {
    let mut map = match params {
        Value::Object(map) => map.clone(),
        Value::Null => Map::new(),
        _ => return Err(Error::at("params", "invalid_type", "must be an object")),
    };
    let mut issues = Vec::new();
    let all = match map.remove("all") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => b,
        Some(_) => {
            issues.push(Issue::new("all", "invalid_type", "must be true or false"));
            false
        }
    };
    let max_pages = match map.remove("maxPages") {
        None | Some(Value::Null) => DEFAULT_MAX_PAGES,
        Some(v) => match v.as_u64().filter(|n| (1..=MAX_PAGES_LIMIT).contains(n)) {
            Some(n) => n,
            None => {
                issues.push(Issue::new("maxPages", "out_of_range", format!("must be a whole number from 1 to {MAX_PAGES_LIMIT}")));
                DEFAULT_MAX_PAGES
            }
        },
    };
    if !issues.is_empty() {
        return Err(Error::invalid_params(issues));
    }
    if all {
        let paging = map.entry("paging").or_insert(Value::Null);
        if paging.is_null() {
            *paging = json!({});
        }
        match paging.as_object_mut() {
            Some(paging) => {
                paging.entry("startIndex").or_insert(json!(0));
            }
            None => return Err(Error::at("paging", "invalid_type", "must be an object")),
        }
    }
    Ok((Value::Object(map), all, max_pages))
}

/// `paging.startIndex` as the request builder accepts it: a whole number or its text.
fn start_index(v: &Value) -> u64 {
    v.as_u64().or_else(|| v.as_str().and_then(|s| s.trim().parse().ok())).unwrap_or(0)
}

fn take(mut data: Value, field: &str) -> Result<Value> {
    match data.get_mut(field) {
        Some(v) => Ok(v.take()),
        None => Err(unexpected(&format!("Data.{field}"), "is missing from the answer")),
    }
}

fn unexpected(path: &str, message: &str) -> Error {
    let mut e = Error::new("unexpected_response", format!("OfficeGuy's answer is not as documented: {path} {message}"));
    e.path = Some(path.to_string());
    e
}
