//! The compare-and-act steps, as Lua, so each runs atomically in Redis.

use std::sync::LazyLock;

use redis::Script;

/// KEYS[1] token hash; ARGV fingerprint, sealed token, expiry (unix ms).
/// The key expires with the token, so Redis never serves a dead one.
pub(crate) static PUT: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"redis.call('HSET', KEYS[1], 'fp', ARGV[1], 'token', ARGV[2])
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
return 1",
    )
});

/// KEYS[1] token hash; ARGV[1] fingerprint. Deletes only that token, so a
/// replica holding a rejected token cannot delete the one that replaced it.
pub(crate) static REMOVE_IF_CURRENT: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"if redis.call('HGET', KEYS[1], 'fp') == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0",
    )
});

/// KEYS[1] lease; ARGV[1] lease id. Gives the lease up only if still ours.
pub(crate) static RELEASE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0",
    )
});

/// KEYS[1] lease; ARGV lease id, ttl (ms). Keeps a live holder's lease;
/// answers 0 once it expired and someone else may hold it.
pub(crate) static EXTEND: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0",
    )
});

/// KEYS[1] delivery; ARGV[1] claim ttl (ms). Claims an unseen delivery and
/// answers nil, or answers its state (`pending`, `done`) untouched.
pub(crate) static CLAIM: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"if redis.call('SET', KEYS[1], 'pending', 'NX', 'PX', ARGV[1]) then
  return false
end
return redis.call('GET', KEYS[1])",
    )
});
