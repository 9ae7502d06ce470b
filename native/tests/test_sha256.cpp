// bm_sha256 against the FIPS 180-2 examples and, at every padding boundary, digests made by
// Python's hashlib for the bytes (7 i + 3) mod 256; argument checks.
#include <cstring>
#include <string>

#include "test_util.h"

namespace {

std::string hex(const uint8_t* d) {
    static const char* digits = "0123456789abcdef";
    std::string s;
    for (int i = 0; i < 32; ++i) {
        s += digits[d[i] >> 4];
        s += digits[d[i] & 15];
    }
    return s;
}

std::string digest(const std::string& m) {
    uint8_t out[32];
    const int rc = bm_sha256(reinterpret_cast<const uint8_t*>(m.data()), static_cast<int64_t>(m.size()), out);
    CHECK(rc == BM_OK, "rc %d", rc);
    return hex(out);
}

}  // namespace

void suite_sha256() {
    CHECK(digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "empty");
    CHECK(digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "abc");
    CHECK(digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
              == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "two blocks");
    CHECK(digest(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
          "a million a");
    static const struct {
        int n;
        const char* hex;
    } kCases[] = {
        {1, "084fed08b978af4d7d196a7446a86b58009e636b611db16211b65a9aadff29c5"},
        {55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"},
        {56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"},
        {57, "35df609437dcfea3279283ab79fd554e2bf78f8f7ae2de532d8ee300b09e8f73"},
        {63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"},
        {64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"},
        {65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"},
        {119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"},
        {120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"},
        {127, "a8d23e75d936f303d248888d9b165ee543f4cbafcad3c9dd2a79bd84faa11d07"},
        {128, "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6"},
        {129, "307f8fc2c1622b92762e818d39a185d4d667ad49a4b07ceae1f4afa008a93ec4"},
        {1000, "1e9bc38cbf860b9ec31918b065f9b52476c549a782e0e7990bed8ce3868d2371"},
    };
    for (const auto& c : kCases) {
        std::string m(static_cast<size_t>(c.n), '\0');
        for (int i = 0; i < c.n; ++i) m[i] = static_cast<char>((i * 7 + 3) % 256);
        CHECK(digest(m) == c.hex, "length %d", c.n);
    }
    uint8_t out[32];
    CHECK(bm_sha256(nullptr, 0, out) == BM_OK, "no bytes, no pointer");
    CHECK(bm_sha256(nullptr, 1, out) == BM_EINVAL, "null data");
    CHECK(bm_sha256(out, -1, out) == BM_EINVAL, "negative length");
    CHECK(bm_sha256(out, 1, nullptr) == BM_EINVAL, "null out");
}
