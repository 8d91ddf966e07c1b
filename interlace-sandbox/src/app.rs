//! The application: every route of the emulator, and the layers every
//! request passes (faults, then the token check, then the contract judge
//! that records the request and validates it).

use std::sync::Arc;

use axum::Router;
use axum::routing::{delete, get, post, put};

use crate::{accounts, auth, budgets, cardholders, cards, faults, judge, state, transfers};

pub(crate) fn router(shared: Arc<state::Shared>) -> Router {
    let v3 = "/open-api/v3";
    Router::new()
        .route(&format!("{v3}/oauth/authorize"), get(auth::authorize))
        .route(
            &format!("{v3}/oauth/access-token"),
            post(auth::access_token),
        )
        .route(
            &format!("{v3}/oauth/refresh-token"),
            post(auth::refresh_token),
        )
        .route(&format!("{v3}/accounts"), get(accounts::list))
        .route(&format!("{v3}/cards/wallets"), get(accounts::balances))
        .route(&format!("{v3}/card/bins"), get(accounts::bins))
        .route(
            &format!("{v3}/cardholders"),
            post(cardholders::create).get(cardholders::list),
        )
        .route(&format!("{v3}/cardholders/{{id}}"), get(cardholders::get))
        .route(&format!("{v3}/prepaid-card"), post(cards::create_prepaid))
        .route(
            &format!("{v3}/budget-card"),
            post(cards::create_budget_card),
        )
        .route(&format!("{v3}/card-list"), get(cards::list))
        .route(&format!("{v3}/card"), put(cards::update))
        .route(&format!("{v3}/cards/transfer-in"), post(cards::transfer_in))
        .route(
            &format!("{v3}/cards/transfer-out"),
            post(cards::transfer_out),
        )
        .route(
            &format!("{v3}/cards/{{id}}/card-summary"),
            get(cards::summary),
        )
        .route(&format!("{v3}/cards/{{id}}/freeze"), post(cards::freeze))
        .route(
            &format!("{v3}/cards/transaction-list"),
            get(cards::transactions),
        )
        .route(
            &format!("{v3}/cards/{{id}}/velocity-control"),
            put(cards::velocity_control),
        )
        .route(
            &format!("{v3}/cards/{{id}}"),
            delete(cards::delete).fallback(judge::fallback),
        )
        .route(
            &format!("{v3}/cards/{{id}}/unfreeze"),
            post(cards::unfreeze),
        )
        .route(
            &format!("{v3}/budgets"),
            post(budgets::create).get(budgets::list),
        )
        .route(
            &format!("{v3}/budgets/{{id}}"),
            put(budgets::update).delete(budgets::delete),
        )
        .route(
            &format!("{v3}/budgets/transactions/{{id}}"),
            get(budgets::transaction),
        )
        .route(
            &format!("{v3}/budgets/{{id}}/transfer-in"),
            post(budgets::transfer_in),
        )
        .route(
            &format!("{v3}/budgets/{{id}}/transfer-out"),
            post(budgets::transfer_out),
        )
        .route(
            &format!("{v3}/business/transfer/external"),
            post(transfers::external),
        )
        .fallback(judge::fallback)
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            judge::judge,
        ))
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            auth::require_token,
        ))
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            faults::apply,
        ))
        .with_state(shared)
}
