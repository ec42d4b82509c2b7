package integrity

// pinnedHash is the v1 hash of TestHashIsStable's event, computed by an
// independent implementation of the package doc's layout (Python hashlib).
const pinnedHash = "61371ce877d5ef385c55292cd1cc5f98a7d2e7a7a19d394ea0f26911ace1b640"
