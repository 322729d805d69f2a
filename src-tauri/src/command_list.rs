// The one list of the commands the UI may call, as `module::command`. It is
// included by `build.rs` (which declares each to Tauri, so a permission is
// generated for it) and by `lib.rs` (which registers the handlers); a test
// holds `capabilities/default.json` and `ui/COMMANDS.md` to it.
command_list! {
    app::app_info,
    app::load_demo,
    app::reference_data,
    calculator::calculate_deadlines,
    cases::caseload,
    cases::search_cases,
    cases::create_case,
    cases::get_case,
    cases::case_step,
    letters::letter_preview,
    letters::issue_letter,
    letters::open_letter,
    letters::get_template,
    letters::preview_template,
    letters::save_template,
    people::list_people,
    people::get_person,
    people::update_person,
    people::merge_people,
    people::restrict_person,
    people::review_restriction,
    people::match_people,
    settings::get_settings,
    settings::save_settings,
    settings::add_officer,
    settings::update_officer,
    settings::add_service_area,
    settings::add_category,
}
