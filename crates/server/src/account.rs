//! The caller's own account over HTTP: logging in and out, who they are, and their
//! interface language.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};

use crate::auth::{self, session_cookie, SESSION_DAYS};
use crate::client::ClientAddr;
use crate::error::Error;
use crate::extract::ApiJson;
use crate::model::User;
use crate::state::AppState;

/// The routes of the caller's account.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", post(login))
        .route("/logout", post(logout))
        .route("/me", get(me))
        .route("/me/lang", put(set_lang))
}

async fn login(
    State(state): State<AppState>,
    ClientAddr(ip): ClientAddr,
    headers: HeaderMap,
    ApiJson(body): ApiJson<vigie_api::Login>,
) -> Result<Response, Error> {
    let device = crate::device::from_headers(&headers);
    let logged_in = auth::login(&state, ip, &body.username, &body.password, device.as_deref()).await?;
    let cookies = AppendHeaders([
        (header::SET_COOKIE, session_cookie(&logged_in.token, SESSION_DAYS * 86_400)),
        (header::SET_COOKIE, crate::device::set_cookie(&logged_in.device)),
    ]);
    Ok((cookies, Json(vigie_api::Me::from(logged_in.user))).into_response())
}

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, Error> {
    if let Some(token) = auth::session_token(&headers) {
        auth::logout(&state, &token).await?;
    }
    Ok(([(header::SET_COOKIE, session_cookie("", 0))], StatusCode::NO_CONTENT).into_response())
}

/// `GET /api/me`: the caller, as the shared [`vigie_api::Me`].
async fn me(user: User) -> Json<vigie_api::Me> {
    Json(user.into())
}

/// `PUT /api/me/lang` with `{"lang": "fr" | "en"}`: the interface language, kept with the
/// account so that it follows the user to another device.
async fn set_lang(
    State(state): State<AppState>,
    user: User,
    ApiJson(body): ApiJson<vigie_api::LangChoice>,
) -> Result<StatusCode, Error> {
    if !matches!(body.lang.as_str(), "fr" | "en") {
        return Err(Error::field("lang", format!("{:?} is not a language of Vigie (fr or en)", body.lang)));
    }
    sqlx::query("UPDATE users SET lang = $1 WHERE id = $2")
        .bind(&body.lang)
        .bind(user.id)
        .execute(state.db.pool())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
