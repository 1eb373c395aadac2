<?php
$string['pluginname'] = 'Our site';
