//! Exports for the client concern: `CoreClient`, which `pkg/lib/client.js` wraps as
//! `Client`. Each method takes JSON text and returns a Promise of JSON text; a failure
//! rejects with the JSON of `Error`. The connection (with the API key) stays inside
//! this object, in wasm memory. Every method goes through one `run`, so that the
//! future-to-promise glue is compiled once (it measured about 1 KB per method).

use super::{arg, fail, reply};
use crate::client::{Connection, FetchTransport, Operation, RetryPolicy, TimerSleeper, WebClient};
use js_sys::Promise;
use serde_json::Value;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

#[wasm_bindgen]
pub struct CoreClient {
    inner: Rc<WebClient>,
}

#[wasm_bindgen]
impl CoreClient {
    #[wasm_bindgen(constructor)]
    pub fn new(connection: &str, options: &str) -> Result<CoreClient, JsValue> {
        let connection = Connection::from_value(&arg::<Value>("connection", connection)?).map_err(|issues| {
            let mut e = crate::Error::invalid_params(issues);
            e.code = "invalid_connection".to_string();
            fail(e)
        })?;
        let policy = RetryPolicy::from_options(&arg::<Value>("options", options)?).map_err(fail)?;
        let client = WebClient::new(connection, FetchTransport, TimerSleeper).with_policy(policy);
        Ok(CoreClient { inner: Rc::new(client) })
    }

    #[wasm_bindgen(js_name = "listFolders")]
    pub fn list_folders(&self, params: &str) -> Promise {
        self.run(Operation::ListFolders, params)
    }

    #[wasm_bindgen(js_name = "getFolder")]
    pub fn get_folder(&self, params: &str) -> Promise {
        self.run(Operation::GetFolder, params)
    }

    #[wasm_bindgen(js_name = "listViews")]
    pub fn list_views(&self, params: &str) -> Promise {
        self.run(Operation::ListViews, params)
    }

    #[wasm_bindgen(js_name = "listEntities")]
    pub fn list_entities(&self, params: &str) -> Promise {
        self.run(Operation::ListEntities, params)
    }

    #[wasm_bindgen(js_name = "getEntity")]
    pub fn get_entity(&self, params: &str) -> Promise {
        self.run(Operation::GetEntity, params)
    }

    pub fn subscribe(&self, params: &str) -> Promise {
        self.run(Operation::Subscribe, params)
    }

    pub fn unsubscribe(&self, params: &str) -> Promise {
        self.run(Operation::Unsubscribe, params)
    }

    pub fn execute(&self, action: String, params: &str) -> Promise {
        self.run(Operation::Execute(action), params)
    }

    fn run(&self, operation: Operation, params: &str) -> Promise {
        let client = Rc::clone(&self.inner);
        let params = crate::request::params_from_text(params).map_err(fail);
        future_to_promise(async move { reply(client.perform(&operation, &params?).await).map(JsValue::from) })
    }
}
