//! The application: one state whose parts each subsystem owns, every
//! route of the emulator, and the layers every request passes (faults, then
//! the token check, then the contract judge that records the request and
//! validates it). Handlers extract only the part they need (axum's
//! `FromRef`), so no subsystem reaches another through a shared struct.

use std::sync::Arc;

use axum::Router;
use axum::extract::FromRef;
use axum::routing::{MethodRouter, delete, get, post, put};

use crate::area::Area;
use crate::auth::Tokens;
use crate::authorizer::Authorizer;
use crate::clock::Clock;
use crate::faults::{FaultLayer, FaultTable};
use crate::judge::JudgeLayer;
use crate::recorder::Recorder;
use crate::state::Domain;
use crate::traffic::Traffic;
use crate::webhooks::Outbox;
use crate::{
    SandboxConfig, accounts, auth, budgets, card_funding, cardholders, cards, faults, judge,
    transfers, wallets,
};

/// The emulator's state: each part owned by one subsystem.
#[derive(Clone)]
pub struct App {
    pub config: Arc<SandboxConfig>,
    pub domain: Arc<Domain>,
    pub faults: Arc<FaultTable>,
    pub traffic: Arc<Traffic>,
    pub recorder: Arc<Recorder>,
    pub clock: Arc<Clock>,
    pub outbox: Arc<Outbox>,
    pub authorizer: Arc<Authorizer>,
}

impl FromRef<App> for Area {
    fn from_ref(app: &App) -> Self {
        Area {
            domain: app.domain.clone(),
            outbox: app.outbox.clone(),
        }
    }
}

impl FromRef<App> for Tokens {
    fn from_ref(app: &App) -> Self {
        Tokens {
            config: app.config.clone(),
            clock: app.clock.clone(),
            domain: app.domain.clone(),
        }
    }
}

pub(crate) fn router(app: App) -> Router {
    let v3 = "/open-api/v3";
    Router::new()
        .route(&format!("{v3}/oauth/authorize"), op(get(auth::authorize)))
        .route(
            &format!("{v3}/oauth/access-token"),
            op(post(auth::access_token)),
        )
        .route(
            &format!("{v3}/oauth/refresh-token"),
            op(post(auth::refresh_token)),
        )
        .route(&format!("{v3}/accounts"), op(get(accounts::list)))
        .route(&format!("{v3}/cards/wallets"), op(get(accounts::balances)))
        .route(&format!("{v3}/card/bins"), op(get(accounts::bins)))
        .route(
            &format!("{v3}/cardholders"),
            op(post(cardholders::create).get(cardholders::list)),
        )
        .route(
            &format!("{v3}/cardholders/{{id}}"),
            op(get(cardholders::get)),
        )
        .route(
            &format!("{v3}/prepaid-card"),
            op(post(cards::create_prepaid)),
        )
        .route(
            &format!("{v3}/budget-card"),
            op(post(cards::create_budget_card)),
        )
        .route(&format!("{v3}/card-list"), op(get(cards::list)))
        .route(&format!("{v3}/card"), op(put(cards::update)))
        .route(
            &format!("{v3}/cards/transfer-in"),
            op(post(card_funding::transfer_in)),
        )
        .route(
            &format!("{v3}/cards/transfer-out"),
            op(post(card_funding::transfer_out)),
        )
        .route(
            &format!("{v3}/cards/{{id}}/card-summary"),
            op(get(cards::summary)),
        )
        .route(
            &format!("{v3}/cards/{{id}}/freeze"),
            op(post(cards::freeze)),
        )
        .route(
            &format!("{v3}/cards/transaction-list"),
            op(get(card_funding::transactions)),
        )
        .route(
            &format!("{v3}/cards/{{id}}/velocity-control"),
            op(put(cards::velocity_control)),
        )
        .route(&format!("{v3}/cards/{{id}}"), op(delete(cards::delete)))
        .route(
            &format!("{v3}/cards/{{id}}/unfreeze"),
            op(post(cards::unfreeze)),
        )
        .route(
            &format!("{v3}/budgets"),
            op(post(budgets::create).get(budgets::list)),
        )
        .route(
            &format!("{v3}/budgets/{{id}}"),
            op(put(budgets::update).delete(budgets::delete)),
        )
        .route(
            &format!("{v3}/budgets/transactions/{{id}}"),
            op(get(budgets::transaction)),
        )
        .route(
            &format!("{v3}/budgets/{{id}}/transfer-in"),
            op(post(budgets::transfer_in)),
        )
        .route(
            &format!("{v3}/budgets/{{id}}/transfer-out"),
            op(post(budgets::transfer_out)),
        )
        .route(
            &format!("{v3}/business/transfer/external"),
            op(post(transfers::external)),
        )
        .route(
            &format!("{v3}/business/transfer/internal"),
            op(post(wallets::internal_transfer)),
        )
        .route(
            &format!("{v3}/cryptoconnect/wallets"),
            op(get(wallets::list).post(wallets::create)),
        )
        .route(
            &format!("{v3}/cryptoconnect/wallets/{{id}}"),
            op(get(wallets::get)),
        )
        .fallback(judge::fallback)
        .layer(axum::middleware::from_fn_with_state(
            JudgeLayer {
                strict: app.config.strict,
            },
            judge::judge,
        ))
        .layer(axum::middleware::from_fn_with_state(
            Tokens::from_ref(&app),
            auth::require_token,
        ))
        .layer(axum::middleware::from_fn_with_state(
            app.recorder.clone(),
            judge::record,
        ))
        .layer(axum::middleware::from_fn_with_state(
            FaultLayer {
                faults: app.faults.clone(),
                traffic: app.traffic.clone(),
                domain: app.domain.clone(),
            },
            faults::apply,
        ))
        .with_state(app)
}

/// An operation's methods, and for any other method the contract's answer:
/// an operation the emulator keeps no state for is answered from its
/// schema, a method the path does not take is a 405 in the envelope with
/// an `Allow` listing the contract's methods (never axum's own, which
/// would list only the routed ones).
fn op(methods: MethodRouter<App>) -> MethodRouter<App> {
    methods.fallback(judge::fallback)
}
