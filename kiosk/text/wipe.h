// Wiping a resident's strings: the bytes are overwritten before the memory is released, so
// that a name or ID number does not linger in freed heap memory after a session ends
// (个人信息保护法). UTF-8 work is core/utf8.h's.
//
// Thread-safety: pure functions over the caller's string.
#pragma once

#include <string>

namespace jiuzhu::kiosk {

// Overwrites the string's bytes with zeros, then clears it and gives its buffer back.
void wipe_string(std::string& s);

}  // namespace jiuzhu::kiosk
