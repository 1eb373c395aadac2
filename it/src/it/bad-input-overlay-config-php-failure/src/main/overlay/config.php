<?php
$CFG = new stdClass();
$CFG->dbpass = "secret";
