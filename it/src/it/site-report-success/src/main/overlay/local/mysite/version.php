<?php
defined('MOODLE_INTERNAL') || die();
$plugin->component = 'local_mysite';
$plugin->version = 2026120300;
$plugin->requires = 2024100700;
$plugin->maturity = MATURITY_STABLE;
$plugin->release = '1.0';
