<?php
// php -l for many files in one process: compiles each file of standard input into OPcache with
// opcache_compile_file(), which compiles and never runs it.
//
//   php -d opcache.enable_cli=1 ... compile-check.php TAG SLOT    the files of standard input
//   php -d opcache.enable_cli=1 ... compile-check.php TAG probe   whether OPcache can do it here
//
// Standard input holds the files one after the other, each as a line with its length in bytes,
// then its bytes. Each is written in turn to the file SLOT (overwritten in place: a file made or
// emptied for each would cost more than compiling it) and compiled from there.
//
// It says, on lines of their own that start with TAG (the Nth file of standard input, from 0):
//   TAG start N   before compiling it
//   TAG ok N      it compiled, as php -l would have it
//   TAG fail N    it did not (php -l, run on it alone, tells why)
//   TAG alone N   it compiled, but php -l alone may find more (see $links_early)
// and ends early, to be started again on the files after, when what follows could not be trusted:
// after a fatal error of the compiler (which it survives without its state being made whole
// again), or a file compiled outside the cache (its functions and classes are then declared in
// this process), or a cache close to full. Whatever else PHP says (warnings, deprecations) is
// not these lines. It declares no function, class or constant of its own: the files it compiles
// meet PHP's only, as under php -l.

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

// Below this much free cache, a new process takes the next files.
$spare = 32 * 1024 * 1024;

/**
 * Whether php -l, compiling the file alone, may link one of its classes to its parent there and
 * then (PHP's early binding) and so find errors of inheritance (a final method overridden, a
 * signature not compatible, an interface extended) that OPcache leaves to the code's run: a class
 * that extends a class PHP itself has, or one of the file's own. Errs on the side of yes (always,
 * for a class that extends any other, where PHP has no tokenizer); reads the file's tokens only,
 * never runs it.
 */
$links_early = function (string $code): bool {
    if (stripos($code, 'extends') === false) {
        return false;
    }
    if (!function_exists('token_get_all')) {
        return true;
    }
    $tokens = [];
    foreach (token_get_all($code) as $token) {
        if (!is_array($token) || !in_array($token[0], [T_WHITESPACE, T_COMMENT, T_DOC_COMMENT], true)) {
            $tokens[] = $token;
        }
    }
    $kinds = [T_CLASS, T_INTERFACE, T_TRAIT, defined('T_ENUM') ? T_ENUM : T_CLASS];
    $declared = [];
    $parents = [];
    foreach ($tokens as $i => $token) {
        $name = $tokens[$i + 1] ?? null;
        if (!is_array($token) || !in_array($token[0], $kinds, true) || !is_array($name) || $name[0] !== T_STRING) {
            continue;
        }
        $declared[strtolower($name[1])] = true;
        $extends = $tokens[$i + 2] ?? null;
        $parent = $tokens[$i + 3] ?? null;
        $after = $tokens[$i + 4] ?? null;
        // A class that implements interfaces is linked when the code runs, never by the compiler.
        if ($token[0] === T_CLASS && is_array($extends) && $extends[0] === T_EXTENDS && is_array($parent)
                && !(is_array($after) && $after[0] === T_IMPLEMENTS)) {
            $parents[] = ltrim($parent[1], '\\');
        }
    }
    foreach ($parents as $parent) {
        $last = substr($parent, (int) strrpos('\\' . $parent, '\\'));
        foreach ([$parent, $last] as $class) {
            if (isset($declared[strtolower($class)]) || class_exists($class, false) || interface_exists($class, false)
                    || trait_exists($class, false)) {
                return true;
            }
        }
    }
    return false;
};

$slot = $argv[2] ?? '';
$file = fopen($slot, 'c');
for ($n = 0; ($line = fgets(STDIN)) !== false; $n++) {
    $length = (int) $line;
    $code = $length > 0 ? stream_get_contents(STDIN, $length) : '';
    if (!is_string($code) || strlen($code) !== $length) {
        exit(0);
    }
    rewind($file);
    fwrite($file, $code);
    ftruncate($file, $length);
    fflush($file);
    // The slot's code of before is cached: forgotten, the new is read.
    opcache_invalidate($slot, true);
    fwrite(STDOUT, "\n$tag start $n\n");
    try {
        $compiled = opcache_compile_file($slot);
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
    fwrite(STDOUT, "\n$tag " . ($links_early($code) ? 'alone' : 'ok') . " $n\n");
    $status = opcache_get_status(false);
    if (!opcache_is_script_cached($slot) || !is_array($status) || $status['cache_full']
            || $status['memory_usage']['free_memory'] < $spare) {
        exit(0);
    }
}
