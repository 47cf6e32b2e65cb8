//! A scripted transport and a recording sleeper, so that the client's policy runs
//! natively and every request and wait can be checked.
#![allow(dead_code)]

use officeguy_make::client::{
    Client, Connection, HttpRequest, HttpResponse, RetryPolicy, Sleeper, Transport, TransportError, TransportErrorKind,
};
use serde_json::{json, Value};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

pub type Outcome = Result<HttpResponse, TransportError>;

#[derive(Clone, Default)]
pub struct Script {
    answers: Rc<RefCell<VecDeque<Outcome>>>,
    pub sent: Rc<RefCell<Vec<HttpRequest>>>,
    pub timeouts: Rc<RefCell<Vec<u32>>>,
}

impl Script {
    pub fn new(answers: Vec<Outcome>) -> Self {
        Script { answers: Rc::new(RefCell::new(answers.into())), ..Default::default() }
    }
    pub fn sent_count(&self) -> usize {
        self.sent.borrow().len()
    }
    pub fn body(&self, i: usize) -> Value {
        serde_json::from_str(&self.sent.borrow()[i].body).unwrap()
    }
}

impl Transport for Script {
    async fn send(&self, request: &HttpRequest, timeout_ms: u32) -> Outcome {
        self.sent.borrow_mut().push(request.clone());
        self.timeouts.borrow_mut().push(timeout_ms);
        self.answers.borrow_mut().pop_front().expect("the client sent more requests than the script has answers")
    }
}

#[derive(Clone, Default)]
pub struct Waits(pub Rc<RefCell<Vec<u32>>>);

impl Waits {
    pub fn list(&self) -> Vec<u32> {
        self.0.borrow().clone()
    }
}

impl Sleeper for Waits {
    async fn sleep(&self, ms: u32) {
        self.0.borrow_mut().push(ms);
    }
}

pub const API_KEY: &str = "secret-key-7f3a";

pub fn connection() -> Connection {
    Connection::from_value(&json!({"companyId": 123456, "apiKey": API_KEY, "baseUrl": "https://sandbox.invalid"})).ok().unwrap()
}

pub fn client(answers: Vec<Outcome>) -> (Client<Script, Waits>, Script, Waits) {
    let script = Script::new(answers);
    let waits = Waits::default();
    let client = Client::new(connection(), script.clone(), waits.clone()).with_policy(RetryPolicy::default());
    (client, script, waits)
}

pub fn ok(data: Value) -> Outcome {
    Ok(HttpResponse::new(200, json!({"Status": 0, "UserErrorMessage": null, "TechnicalErrorDetails": null, "Data": data}).to_string()))
}

pub fn api_status(status: i64, message: &str) -> Outcome {
    Ok(HttpResponse::new(200, json!({"Status": status, "UserErrorMessage": message, "TechnicalErrorDetails": null, "Data": null}).to_string()))
}

pub fn http(status: u16) -> Outcome {
    Ok(HttpResponse::new(status, ""))
}

pub fn network() -> Outcome {
    Err(TransportError { kind: TransportErrorKind::Network, message: "connection refused".into() })
}

pub fn timeout() -> Outcome {
    Err(TransportError { kind: TransportErrorKind::Timeout, message: "aborted".into() })
}

pub fn run<F: std::future::Future>(f: F) -> F::Output {
    pollster::block_on(f)
}
