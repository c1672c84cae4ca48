//! The API over HTTP against a real server, on SQLite and again on PostgreSQL.
//!
//! Each test starts its own server on a free port with its own fresh database. The
//! PostgreSQL variants need `VIGIE_TEST_POSTGRES_URL` (a role that may create databases);
//! `cargo xtask test` and CI start a PostgreSQL server and set it.

mod admin;
mod alerts;
mod attachments;
mod contacts;
mod demo;
mod durability;
mod fuzz;
mod harness;
mod inputs;
mod instances;
mod invitations;
mod lessons;
mod lifecycle;
mod logins;
mod notifications;
mod oncall;
mod operations;
mod promises;
mod reports;
mod security;
mod serving;
mod sessions;
mod sites;
mod stream;
mod team;
mod webhook;

/// Runs each scenario once per database: `sqlite::name` and `postgres::name`.
macro_rules! on_both_databases {
    ($($module:ident :: $name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    crate::$module::$name(crate::harness::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    crate::$module::$name(crate::harness::Backend::Postgres).await
                }
            )*
        }
    };
}

on_both_databases!(
    promises::p1_dispatch_keeps_the_on_site_promise_and_the_arrival_is_shown_beside_it,
    promises::a_p3_intervention_is_planned_told_and_reached,
    promises::reclassification_counts_from_its_instant_keeps_breaches_and_tells_the_client,
    promises::data_loss_starts_the_gdpr_clock_and_the_notice_says_what_article_33_asks,
    promises::every_resolution_is_told_and_a_moot_clock_is_not_counted_kept,
    promises::a_technical_review_has_an_owner_a_deadline_findings_and_an_end,
    promises::a_breach_still_open_reaches_the_second_level_once,
    promises::a_corrected_type_judges_recurrence_again,
    promises::a_data_loss_found_after_the_closure_still_gets_its_notice_and_its_alerts,
    promises::a_corrected_type_judges_the_later_incidents_again,
    promises::a_breach_before_the_on_site_need_is_cleared_stays_in_the_report,
    promises::the_wall_keeps_a_closed_incident_while_its_gdpr_notice_is_due,
    lifecycle::report_take_charge_resolve_close,
    lifecycle::impossible_transitions_are_409_with_the_reason,
    lifecycle::idempotency_key_never_creates_a_second_incident,
    lifecycle::staff_report_a_phone_call_with_a_priority_and_a_reason,
    lifecycle::p1_resolution_drafts_a_postmortem_published_only_when_complete,
    lifecycle::recurrence_opens_a_review,
    security::clients_see_only_their_organisation,
    security::sessions_roles_and_origin,
    security::failed_logins_slow_down,
    security::bad_input_gets_a_precise_error,
    security::text_is_stored_as_plain_text,
    stream::events_stream_live_and_resume_with_last_event_id,
    stream::event_stream_is_isolated,
    stream::events_committed_out_of_order_all_reach_the_stream,
    alerts::breach_alerts_once_across_a_restart,
    alerts::supervision_alerts_open_and_update_incidents,
    alerts::health_metrics_time_and_app_routes,
    reports::sla_report_counts_promises_kept_and_breaches,
    lessons::lessons_learned_leave_out_clients_who_ask,
    lessons::technical_reviews_carry_an_investment_proposal,
    admin::administration_is_for_the_admin_and_recorded,
    notifications::notices_reach_a_real_smtp_server_and_the_sms_gateway,
    notifications::failed_deliveries_are_retried_with_backoff_and_recorded,
    durability::killed_server_loses_no_acknowledged_incident,
    demo::demo_history_fills_the_back_office_once,
    logins::parallel_wrong_passwords_are_counted_before_any_is_checked,
    logins::one_password_tried_on_many_accounts_is_slowed,
    logins::the_owner_gets_in_from_another_address,
    logins::the_owner_with_his_device_gets_in_during_an_attack,
    logins::an_ipv6_network_is_one_address,
    logins::failed_logins_of_everyone_are_capped_per_minute,
    logins::password_checks_wait_in_a_bounded_queue,
    logins::long_usernames_fail_and_are_never_stored,
    logins::expired_sessions_and_old_failures_are_purged,
    sessions::streams_end_with_their_session,
    sessions::replay_is_bounded_and_filtered_by_the_database,
    inputs::nul_characters_are_refused_by_field,
    inputs::broken_constraints_name_the_field,
    inputs::names_and_addresses_are_bounded_by_field,
    inputs::an_idempotency_key_is_bound_to_its_request,
    inputs::a_report_carries_its_callback_number_and_zone,
    inputs::any_unicode_is_anonymised_and_the_postmortem_published,
    webhook::the_webhook_checks_its_token_first_and_each_alert_alone,
    operations::metrics_need_their_token_and_health_asks_the_database,
    operations::the_demo_stays_out_of_real_desks,
    operations::no_start_while_a_password_is_the_username,
    operations::a_half_sent_request_is_dropped,
    operations::slow_bodies_and_slow_answers_are_408,
    operations::connections_beyond_the_cap_wait,
    operations::shutdown_finishes_requests_and_ends_streams,
    operations::the_outbox_stops_between_messages,
    operations::the_binary_stops_gracefully_on_sigterm_and_sigint,
    operations::the_binary_logs_each_request_by_its_route,
    fuzz::random_input_never_breaks_the_server,
    contacts::clients_designate_their_contacts,
    invitations::an_invited_person_chooses_their_password_once,
    team::incidents_are_taken_assigned_and_filtered_by_owner,
    team::client_and_staff_talk_and_internal_notes_stay_internal,
    team::the_client_confirms_or_reopens_the_fix_then_rates_it_once,
    team::a_resolution_left_unanswered_closes_by_itself,
    contacts::a_site_technical_contact_is_told_for_that_site_only,
    sites::each_site_carries_its_effective_policy,
    oncall::the_technician_on_duty_gets_the_3am_p1,
    oncall::an_unassigned_p1_in_business_hours_pages_after_10_minutes,
    oncall::a_p1_already_taken_is_paged_but_not_reassigned,
    oncall::an_exception_replaces_the_weekly_slot,
    oncall::the_rota_is_read_by_staff_and_written_by_the_admin,
    attachments::files_are_stripped_bounded_and_served_to_their_organisation_only,
    attachments::an_incident_takes_twenty_files_and_none_once_closed,
);

/// The built app over real HTTP: compressed copies, caching, security headers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_is_served_compressed_cached_and_locked_down() {
    serving::the_app_is_served_compressed_cached_and_locked_down().await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_brings_hsts_and_frame_ancestors_are_checked() {
    serving::https_brings_hsts_and_frame_ancestors_are_checked().await
}

/// A panic in a handler, behind the layers of every route (no database involved).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_is_answered_as_a_json_500() {
    operations::a_panic_is_answered_as_a_json_500().await
}

/// Several instances on one PostgreSQL database: live events and SLA alerts across them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_two_instances_share_live_events() {
    instances::two_instances_share_live_events_and_alert_once().await
}
