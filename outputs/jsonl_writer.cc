#include "outputs/jsonl_writer.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "outputs/record_json.h"

namespace agendum {
namespace {

// Creates `tmp` afresh. Whatever is at that path is removed first and the
// file is opened exclusively ("x": O_EXCL), so a symlink planted there (or
// left by a killed run) is replaced, never followed out of the folder.
std::FILE* CreateFresh(const std::string& tmp) {
  std::remove(tmp.c_str());
  return std::fopen(tmp.c_str(), "wbx");
}

}  // namespace

JsonlWriter::~JsonlWriter() {
  if (out_) {
    std::fclose(out_);
    std::remove(tmp_path_.c_str());
  }
}

Status JsonlWriter::Begin() {
  tmp_path_ = path_ + ".tmp";
  out_ = CreateFresh(tmp_path_);
  if (!out_) return Status::IoError("cannot write " + tmp_path_ + ": " + std::strerror(errno));
  return Status::Ok();
}

Status JsonlWriter::Write(const Document& doc, const FileResult& result) {
  if (!result.status.ok()) return Status::Ok();
  std::string lines = DocumentJsonLines(doc);
  if (std::fwrite(lines.data(), 1, lines.size(), out_) != lines.size()) {
    return Status::IoError("write failed on " + tmp_path_ + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

Status JsonlWriter::Finish() {
  if (!out_) return Status::IoError("records file was never opened");
  bool ok = std::fflush(out_) == 0;
  ok = std::fclose(out_) == 0 && ok;
  out_ = nullptr;
  if (!ok) return Status::IoError("cannot finish " + tmp_path_ + ": " + std::strerror(errno));
  if (std::rename(tmp_path_.c_str(), path_.c_str()) != 0) {
    return Status::IoError("cannot rename " + tmp_path_ + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

Status WriteFileAtomically(const std::string& path, const std::string& contents) {
  std::string tmp = path + ".tmp";
  std::FILE* f = CreateFresh(tmp);
  if (!f) return Status::IoError("cannot write " + tmp + ": " + std::strerror(errno));
  bool ok = std::fwrite(contents.data(), 1, contents.size(), f) == contents.size();
  ok = std::fclose(f) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return Status::IoError("cannot write " + path + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace agendum
