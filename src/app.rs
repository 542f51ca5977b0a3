//! Wiring: build the engine, Kafka clients, HTTP server and signal handlers,
//! run until SIGTERM/SIGINT, then drain within the grace period.
//!
//! One `CancellationToken` reaches every task; readiness turns 503 as soon as
//! draining starts; the producer is flushed and offsets committed last.

use crate::config::{Config, Delivery};
use crate::engine::Engine;
use crate::health::Health;
use crate::kafka::context::WorkerContext;
use crate::kafka::delivery::{Backoff, Deliverer, ProducedCounters};
use crate::kafka::offsets::{Caps, OffsetTracker};
use crate::kafka::processing::{Preparer, thread_count};
use crate::kafka::transactional::Transactions;
use crate::kafka::worker::{Exit, Worker};
use crate::kafka::{client_config, topics};
use crate::pipeline::Limits;
use crate::telemetry::Metrics;
use arc_swap::ArcSwap;
use rdkafka::consumer::{Consumer, StreamConsumer};
use rdkafka::producer::{FutureProducer, Producer};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

/// Exit codes of `wirewatch run`.
pub mod exit {
    pub const OK: i32 = 0;
    /// Start-up failed (broker unreachable, topics, listener, or the TLS
    /// handshake with the brokers failed: an untrusted certificate).
    pub const STARTUP: i32 = 69;
    /// Bad configuration (including a `[kafka]` property librdkafka refuses).
    pub const CONFIG: i32 = 64;
    /// The brokers refused the credentials (SASL authentication failed):
    /// fix the user name or password; restarting as is cannot help.
    pub const AUTH: i32 = 77;
    /// A Kafka client hit a fatal error at run time (fenced by another
    /// instance, unauthorised, idempotence broken): restart, or fix the ACL.
    pub const FATAL: i32 = 70;
}

/// Build a runtime and run the worker; returns the process exit code.
pub fn run_blocking(config: Config) -> i32 {
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            tracing::error!(error = %e, "cannot start the async runtime");
            return exit::STARTUP;
        }
    };
    let code = rt.block_on(async {
        let shutdown = CancellationToken::new();
        spawn_signal_handler(shutdown.clone());
        run(config, shutdown).await
    });
    // A blocking call still waiting on an unreachable broker must not hold
    // the exit: the grace period is already spent.
    rt.shutdown_timeout(Duration::from_secs(1));
    code
}

fn spawn_signal_handler(shutdown: CancellationToken) {
    tokio::spawn(async move {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(e) => {
                    tracing::error!(error = %e, "cannot install SIGTERM handler");
                    return;
                }
            };
        tokio::select! {
            _ = term.recv() => tracing::info!("SIGTERM received; shutting down"),
            _ = tokio::signal::ctrl_c() => tracing::info!("SIGINT received; shutting down"),
        }
        shutdown.cancel();
    });
}

/// Reload the rules on SIGHUP; a bad rule set is logged and the old one kept.
fn spawn_reload_handler(
    engine: Arc<ArcSwap<Engine>>,
    rules_dir: std::path::PathBuf,
    metrics: Metrics,
    shutdown: CancellationToken,
    tasks: &TaskTracker,
) {
    tasks.spawn(async move {
        let Ok(mut hup) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())
        else {
            tracing::warn!("cannot install SIGHUP handler; rule reload disabled");
            return;
        };
        loop {
            tokio::select! {
                _ = shutdown.cancelled() => return,
                _ = hup.recv() => {}
            }
            let dir = rules_dir.clone();
            match tokio::task::spawn_blocking(move || Engine::load(&dir)).await {
                Ok(Ok(new)) => {
                    let version = new.version().to_string();
                    engine.store(Arc::new(new));
                    metrics.set_rules_version(&version);
                    metrics.rules_reloads.with_label_values(&["ok"]).inc();
                    tracing::info!(%version, "rules reloaded");
                }
                Ok(Err(e)) => {
                    metrics.rules_reloads.with_label_values(&["error"]).inc();
                    tracing::error!(error = %e, "rules reload failed; keeping the previous rules");
                }
                Err(e) => tracing::error!(error = %e, "rules reload task failed"),
            }
        }
    });
}

/// Run the worker until `shutdown` fires; returns the process exit code.
pub async fn run(config: Config, shutdown: CancellationToken) -> i32 {
    if let Err(e) = client_config::validate(&config) {
        tracing::error!(error = %e, "configuration error");
        return exit::CONFIG;
    }
    let metrics = Metrics::new();
    let health = Arc::new(Health::new());
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        brokers = %config.brokers,
        group = %config.group_id,
        input = %config.topics.input,
        "wirewatch starting"
    );

    let engine = match Engine::load(&config.rules_dir) {
        Ok(e) => e,
        Err(e) => {
            tracing::error!(error = %e, dir = %config.rules_dir.display(), "rules do not load; set rules_dir / WIREWATCH_RULES_DIR to the directory with rules/, gazetteer/ and codes.toml");
            return exit::CONFIG;
        }
    };
    metrics.set_rules_version(engine.version());
    // Every output topic's series at 0 from the start (a series that
    // appears at its first record is missed by rate() up to a scrape).
    let produced = ProducedCounters::new(&metrics, &config.topics);
    tracing::info!(rules_version = engine.version(), "rules loaded");
    let engine = Arc::new(ArcSwap::from_pointee(engine));

    let tasks = TaskTracker::new();
    let router = crate::http::router(metrics.clone(), health.clone());
    // A host name (localhost:9898) is resolved here.
    let listener = match tokio::net::TcpListener::bind(config.http_addr.as_str()).await {
        Ok(l) => l,
        Err(e) => {
            tracing::error!(error = %e, addr = %config.http_addr, "cannot listen for /metrics (a host name that does not resolve, or an address in use); set http.addr / WIREWATCH_HTTP_ADDR to a free local host:port");
            return exit::STARTUP;
        }
    };
    let bound = listener
        .local_addr()
        .map_or_else(|_| config.http_addr.clone(), |a| a.to_string());
    tracing::info!(addr = %config.http_addr, %bound, "http listening (/metrics, /healthz, /readyz)");
    let http_shutdown = CancellationToken::new();
    {
        let http_shutdown = http_shutdown.clone();
        tasks.spawn(async move {
            if let Err(e) = crate::http::serve(listener, router, http_shutdown).await {
                tracing::error!(error = %e, "http server failed");
            }
        });
    }

    // Topic check, with a few retries so a worker started beside its broker waits for it.
    let consumer_cfg = client_config::consumer(&config);
    let mut attempt = 0;
    let limits = loop {
        let cfg = consumer_cfg.clone();
        let brokers = config.brokers.clone();
        let t = config.topics.clone();
        let check = tokio::task::spawn_blocking(move || topics::ensure_topics(&cfg, &brokers, &t));
        let result = tokio::select! {
            _ = shutdown.cancelled() => return stop_early(http_shutdown, tasks).await,
            r = check => r.unwrap_or_else(|e| {
                Err(topics::TopicError::Create {
                    topic: "-".into(),
                    message: e.to_string(),
                })
            }),
        };
        match result {
            Ok(limits) => break limits,
            Err(e @ topics::TopicError::Unreachable { .. }) if attempt < 5 => {
                attempt += 1;
                tracing::warn!(error = %e, attempt, "broker not reachable yet; retrying");
                tokio::select! {
                    _ = shutdown.cancelled() => return stop_early(http_shutdown, tasks).await,
                    _ = tokio::time::sleep(Duration::from_secs(2)) => {}
                }
            }
            Err(e) => {
                let code = match e {
                    topics::TopicError::Authentication { .. } => exit::AUTH,
                    topics::TopicError::Client(_) => exit::CONFIG,
                    _ => exit::STARTUP,
                };
                tracing::error!(error = %e, exit_code = code, "cannot start");
                http_shutdown.cancel();
                tasks.close();
                tasks.wait().await;
                return code;
            }
        }
    };
    if !limits.not_durable.is_empty() {
        tracing::warn!(
            topics = %limits.not_durable.join(", "),
            "output topics without durability (replication factor < 3 or min.insync.replicas < 2): a broker loss can lose their records"
        );
    }
    tracing::info!(
        max_record_bytes = limits.max_record_bytes,
        producer_max_bytes = limits.producer_max_bytes,
        "output size limits from the topics"
    );
    health.set_broker_reachable(true);

    let tracker = Arc::new(Mutex::new(OffsetTracker::new(Caps {
        total: config.max_in_flight,
        per_partition: config.max_in_flight_per_partition,
    })));
    let context = WorkerContext {
        metrics: metrics.clone(),
        health: health.clone(),
        tracker: tracker.clone(),
        input_topic: config.topics.input.clone(),
        commit_on_revoke: config.delivery == Delivery::AtLeastOnce,
        revoked: Mutex::new(Vec::new()),
        statistics_interval: Duration::from_millis(config.statistics_interval_ms),
        limiter: Default::default(),
    };
    let consumer: StreamConsumer<WorkerContext> = match consumer_cfg.create_with_context(context) {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "cannot create the Kafka consumer; check the [kafka] properties");
            return exit::CONFIG;
        }
    };
    let producer: FutureProducer = match client_config::producer(&config, limits.producer_max_bytes)
        .create()
    {
        Ok(p) => p,
        Err(e) => {
            tracing::error!(error = %e, "cannot create the Kafka producer; check the [kafka] properties");
            return exit::CONFIG;
        }
    };
    let transactions = match &config.delivery {
        Delivery::AtLeastOnce => None,
        Delivery::ExactlyOnce {
            transactional_id,
            max_stories_per_transaction,
            ..
        } => {
            // Fences any earlier producer with this transactional.id and
            // aborts what it left open.
            let p = producer.clone();
            let init =
                tokio::task::spawn_blocking(move || p.init_transactions(Duration::from_secs(30)));
            match init.await {
                Ok(Ok(())) => {
                    tracing::info!(%transactional_id, "transactions initialised (exactly-once)")
                }
                Ok(Err(e)) => {
                    tracing::error!(error = %e, %transactional_id, "cannot initialise transactions; the brokers must support them (Kafka 2.5+, transaction.state.log settings) and the principal needs Write on the transactional id");
                    return exit::STARTUP;
                }
                Err(e) => {
                    tracing::error!(error = %e, "transaction initialisation task failed");
                    return exit::STARTUP;
                }
            }
            Some(Transactions {
                interval: Duration::from_millis(config.commit_interval_ms),
                max_stories: *max_stories_per_transaction,
                call_timeout: Duration::from_secs(30),
            })
        }
    };
    if let Err(e) = consumer.subscribe(&[config.topics.input.as_str()]) {
        tracing::error!(error = %e, "cannot subscribe to the input topic");
        return exit::STARTUP;
    }

    spawn_reload_handler(
        engine.clone(),
        config.rules_dir.clone(),
        metrics.clone(),
        shutdown.clone(),
        &tasks,
    );

    let preparer = Preparer::new(
        engine,
        config.topics.clone(),
        Limits {
            max_payload_bytes: config.max_payload_bytes,
            max_record_bytes: limits.max_record_bytes,
        },
        metrics.clone(),
    );
    let threads = thread_count(config.classify_threads);
    tracing::info!(threads, "classification threads");
    let worker = Worker {
        consumer,
        deliverer: Deliverer {
            producer,
            metrics: metrics.clone(),
            produced,
            health: health.clone(),
            backoff: Backoff {
                initial: config.retry_backoff_initial,
                max: config.retry_backoff_max,
            },
        },
        preparer,
        threads,
        tracker,
        metrics: metrics.clone(),
        health: health.clone(),
        transactions,
    };
    tracing::info!("consuming");
    let code = match worker.run(shutdown.clone(), config.shutdown_grace).await {
        Exit::Drained => {
            tracing::info!("drained; every story read was finished and committed");
            exit::OK
        }
        Exit::TimedOut { abandoned } => {
            tracing::warn!(
                abandoned,
                "grace period over; stories not committed will be re-read by the next owner"
            );
            exit::OK
        }
        Exit::Fatal(reason) => {
            tracing::error!(%reason, "stopped by a fatal Kafka error");
            exit::FATAL
        }
    };
    http_shutdown.cancel();
    tasks.close();
    let _ = tokio::time::timeout(Duration::from_secs(5), tasks.wait()).await;
    tracing::info!("stopped");
    code
}

/// SIGTERM before the worker consumed anything: a clean stop, not a failure.
async fn stop_early(http_shutdown: CancellationToken, tasks: TaskTracker) -> i32 {
    tracing::info!("shutdown requested during start-up; stopped");
    http_shutdown.cancel();
    tasks.close();
    let _ = tokio::time::timeout(Duration::from_secs(5), tasks.wait()).await;
    exit::OK
}
