<?php
// The Moodle side of the real-LMS suite (tests/lms): builds one test site from a JSON plan, or runs
// one read-only query, through Moodle's own API so it works with any database Moodle supports.
//
//   php site.php plan PLAN.json    course, users and SCORM activities; prints their ids as JSON
//   php site.php sql 'SELECT …'    runs a query; prints the rows as a JSON array
//
// MOODLE_DIR must point at the Moodle code (the folder with config.php); the kit's
// `moodle.sh php` sets it. A plan:
//   {"course": "lms-123", "users": [{"username": "s1", "password": "…", "role": "student"}],
//    "activities": [{"key": "full12", "zip": "/abs/x.zip", "name": "…", "settings": {"forcenewattempt": 0}}]}
// Activities get the settings an admin gets by default in the "Add SCORM package" form (grading
// "Highest grade", attempts unlimited, completion "passed or completed"), then `settings` on top.
define('CLI_SCRIPT', true);
require(getenv('MOODLE_DIR') . '/config.php');
require_once($CFG->libdir . '/testing/generator/lib.php');
require_once($CFG->dirroot . '/course/lib.php');
global $DB, $CFG;

[, $command, $arg] = $argv + [null, '', ''];
if ($command === 'sql') {
    // queries name tables with the usual mdl_ prefix; another site prefix is put in its place
    $query = preg_replace('/\bmdl_/', $CFG->prefix, $arg);
    $rows = array_values(array_map(fn($r) => (array)$r, $DB->get_records_sql("SELECT row_number() OVER () AS rownum, q.* FROM ($query) q")));
    echo json_encode(array_map(function ($r) { unset($r['rownum']); return $r; }, $rows)), "\n";
    exit(0);
}
if ($command !== 'plan') {
    fwrite(STDERR, "usage: site.php plan PLAN.json | site.php sql 'SELECT …'\n");
    exit(2);
}
$plan = json_decode(file_get_contents($arg), true) or die("cannot read the plan $arg\n");

// the generator resolves packagefilepath against the web root
function relative_to($from, $to) {
    $f = explode('/', trim($from, '/'));
    $t = explode('/', trim($to, '/'));
    while ($f && $t && $f[0] === $t[0]) { array_shift($f); array_shift($t); }
    return str_repeat('../', count($f)) . implode('/', $t);
}

\core\session\manager::set_user(get_admin());
$gen = new testing_data_generator();
$course = $DB->get_record('course', ['shortname' => $plan['course']])
    ?: $gen->create_course(['fullname' => "Real-LMS suite ({$plan['course']})", 'shortname' => $plan['course'], 'enablecompletion' => 1]);
$out = ['courseid' => (int)$course->id, 'users' => [], 'activities' => []];
foreach ($plan['users'] as $u) {
    $user = $DB->get_record('user', ['username' => $u['username']])
        ?: $gen->create_user(['username' => $u['username'], 'password' => $u['password'], 'firstname' => $u['firstname'] ?? ucfirst($u['username']),
            'lastname' => $u['lastname'] ?? 'Test', 'email' => "{$u['username']}@example.com"]);
    $gen->enrol_user($user->id, $course->id, $u['role']);
    $out['users'][$u['username']] = (int)$user->id;
}
$cfg = get_config('scorm');
foreach ($plan['activities'] as $a) {
    $zip = realpath($a['zip']) or die("no such package: {$a['zip']}\n");
    $record = ['course' => $course->id, 'name' => $a['name'], 'packagefilepath' => relative_to($CFG->dirroot, $zip),
        'grademethod' => $cfg->grademethod, 'skipview' => $cfg->skipview, 'popup' => $cfg->popup,
        'completion' => 2, 'completionstatusrequired' => 6 /* passed or completed */] + ($a['settings'] ?? []);
    $scorm = $gen->create_module('scorm', $record);
    $out['activities'][$a['key']] = ['cmid' => (int)$scorm->cmid, 'scormid' => (int)$scorm->id,
        'version' => $DB->get_field('scorm', 'version', ['id' => $scorm->id])];
}
echo json_encode($out), "\n";
