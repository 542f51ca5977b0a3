//! `/metrics`, `/healthz` and `/readyz`. The router is built without a
//! socket so it can be tested by calling it; `serve` binds it.

use crate::health::Health;
use crate::telemetry::Metrics;
use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use std::sync::Arc;
use tokio_util::sync::CancellationToken;

#[derive(Clone)]
struct AppState {
    metrics: Metrics,
    health: Arc<Health>,
}

/// The HTTP routes over shared metrics and health.
pub fn router(metrics: Metrics, health: Arc<Health>) -> Router {
    Router::new()
        .route("/metrics", get(metrics_handler))
        .route("/healthz", get(live_handler))
        .route("/readyz", get(ready_handler))
        .with_state(AppState { metrics, health })
}

async fn metrics_handler(State(s): State<AppState>) -> impl IntoResponse {
    s.metrics.ready.set(i64::from(s.health.readiness().is_ok()));
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        s.metrics.render(),
    )
}

async fn live_handler(State(s): State<AppState>) -> impl IntoResponse {
    match s.health.liveness() {
        Ok(()) => (StatusCode::OK, "ok\n".to_string()),
        Err(why) => (StatusCode::SERVICE_UNAVAILABLE, format!("fatal: {why}\n")),
    }
}

async fn ready_handler(State(s): State<AppState>) -> impl IntoResponse {
    match s.health.readiness() {
        Ok(()) => (StatusCode::OK, "ready\n".to_string()),
        Err(why) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("not ready: {}\n", why.as_str()),
        ),
    }
}

/// Serve on an already bound listener until `shutdown` fires. Binding is the
/// caller's job so that a busy port fails start-up with a clear message.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: CancellationToken,
) -> std::io::Result<()> {
    axum::serve(listener, router)
        .with_graceful_shutdown(async move { shutdown.cancelled().await })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use tower::ServiceExt;

    async fn get_path(router: Router, path: &str) -> (StatusCode, String) {
        let resp = router
            .oneshot(Request::get(path).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = resp.status();
        let bytes = axum::body::to_bytes(resp.into_body(), 1 << 20)
            .await
            .unwrap();
        (status, String::from_utf8(bytes.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn readyz_reflects_health_and_metrics_render() {
        let metrics = Metrics::new();
        let health = Arc::new(Health::new());
        metrics.stories_consumed.inc_by(3);
        let r = router(metrics.clone(), health.clone());
        let (status, body) = get_path(r.clone(), "/readyz").await;
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(body.contains("broker unreachable"));
        health.set_broker_reachable(true);
        health.set_assigned_partitions(1);
        assert_eq!(get_path(r.clone(), "/readyz").await.0, StatusCode::OK);
        assert_eq!(get_path(r.clone(), "/healthz").await.0, StatusCode::OK);
        let (status, body) = get_path(r, "/metrics").await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains("wirewatch_stories_consumed_total 3"));
        assert!(body.contains("wirewatch_ready 1"));
    }
}
