<?php
// php -l for many files in one process: compiles each file named on standard input (one absolute
// path a line) into OPcache with opcache_compile_file(), which compiles and never runs it.
//
//   php -d opcache.enable_cli=1 ... compile-check.php TAG         the files of standard input
//   php -d opcache.enable_cli=1 ... compile-check.php TAG probe   whether OPcache can do it here
//
// It says, on lines of their own that start with TAG (the Nth file of standard input, from 0):
//   TAG start N   before compiling it
//   TAG ok N      it compiled
//   TAG fail N    it did not (php -l, run on it alone, tells why)
// and ends early, to be started again on the files after, when what follows could not be trusted:
// after a fatal error of the compiler (which it survives without its state being made whole
// again), or a file compiled outside the cache (its functions and classes are then declared in
// this process), or a cache close to full. Whatever else PHP says (warnings, deprecations) is
// not these lines.

$tag = $argv[1] ?? '';
if (($argv[2] ?? '') === 'probe') {
    if (!extension_loaded('Zend OPcache')) {
        $state = 'missing';
    } else if (!function_exists('opcache_compile_file') || !is_array(@opcache_get_status(false))) {
        $state = 'disabled';
    } else {
        $state = 'ready';
    }
    fwrite(STDOUT, "\n$tag $state\n");
    exit(0);
}

/** Below this much free cache, a new process takes the next files. */
const SPARE = 32 * 1024 * 1024;

for ($n = 0; ($line = fgets(STDIN)) !== false; $n++) {
    $path = rtrim($line, "\r\n");
    fwrite(STDOUT, "\n$tag start $n\n");
    try {
        $compiled = opcache_compile_file($path);
    } catch (ParseError $e) {
        // The parser's own error: it leaves nothing behind, the next file can follow.
        fwrite(STDOUT, "\n$tag fail $n\n");
        continue;
    } catch (Throwable $e) {
        fwrite(STDOUT, "\n$tag fail $n\n");
        exit(0);
    }
    if (!$compiled) {
        fwrite(STDOUT, "\n$tag fail $n\n");
        exit(0);
    }
    fwrite(STDOUT, "\n$tag ok $n\n");
    $status = opcache_get_status(false);
    if (!opcache_is_script_cached($path) || !is_array($status) || $status['cache_full']
            || $status['memory_usage']['free_memory'] < SPARE) {
        exit(0);
    }
}
