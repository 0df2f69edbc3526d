"""The shipped knowledge base, installed as the package ``awskg_data`` (files only, no code)."""
