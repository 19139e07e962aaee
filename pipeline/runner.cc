#include "pipeline/runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "pipeline/worker_pool.h"

namespace agendum {
namespace fs = std::filesystem;

namespace {

void Walk(const fs::path& dir, std::set<fs::path>* visited, CollectResult* out) {
  std::error_code ec;
  fs::path canonical = fs::canonical(dir, ec);
  if (ec || !visited->insert(canonical).second) {
    if (!ec) out->skipped.push_back(dir.string() + ": symlink loop, folder already read");
    return;
  }
  std::vector<fs::path> entries;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    entries.push_back(it->path());
  }
  std::sort(entries.begin(), entries.end());
  for (const auto& path : entries) {
    if (fs::is_directory(path, ec)) {
      Walk(path, visited, out);
    } else if (fs::is_regular_file(path, ec)) {
      std::string name = path.filename().string();
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (name == "readme.md" || name == "readme.txt") {
        // A folder's README describes the folder; it is not a committee paper.
        out->skipped.push_back(path.string() + ": folder README");
      } else if (FormatForPath(path.string())) {
        out->files.push_back({path.string()});
      } else {
        std::string ext = path.extension().string();
        out->skipped.push_back(path.string() + ": " +
                               (ext.empty() ? "no extension" : "unsupported type " + ext));
      }
    }
  }
}

}  // namespace

CollectResult CollectInputs(const std::vector<std::string>& inputs) {
  CollectResult out;
  std::set<fs::path> visited;
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      Walk(input, &visited, &out);
    } else if (fs::exists(input, ec)) {
      if (FormatForPath(input)) {
        out.files.push_back({input});
      } else {
        out.skipped.push_back(input + ": unsupported type");
      }
    } else {
      out.missing.push_back(input);
    }
  }
  return out;
}

Status RunBatch(const Pipeline& pipeline, const std::vector<InputFile>& files,
                const RunOptions& options, const std::vector<Writer*>& writers) {
  if (options.isolation == Isolation::kProcess) {
    return RunBatchInWorkers(pipeline, files, options, writers);
  }
  for (Writer* w : writers) AGENDUM_RETURN_IF_ERROR(w->Begin());
  const size_t n = files.size();
  const int jobs = std::max(1, options.jobs);
  // Finished documents wait here until every earlier one has been written.
  const size_t window = static_cast<size_t>(jobs) * 2 + 2;
  struct Slot {
    Document doc;
    FileResult result;
  };
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::optional<Slot>> done(n);
  size_t next_to_write = 0;
  std::atomic<size_t> next_to_take{0};

  auto worker = [&] {
    while (true) {
      size_t i;
      {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return next_to_take.load() >= n || next_to_take.load() < next_to_write + window; });
        i = next_to_take.fetch_add(1);
      }
      if (i >= n) return;
      Slot slot;
      slot.result.path = files[i].path;
      auto start = std::chrono::steady_clock::now();
      try {
        slot.result.status = pipeline.Process(files[i].path, &slot.doc, &slot.result.timings);
      } catch (const std::bad_alloc&) {
        slot.doc = Document();
        slot.result.status = Status::OutOfMemory("allocation failed");
      } catch (const std::exception& e) {
        // A library that throws (allocation failure on a hostile file) costs
        // that file only.
        slot.result.status = Status::Corrupt(std::string("internal error: ") + e.what());
      }
      slot.result.milliseconds =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count();
      {
        std::lock_guard<std::mutex> lock(mu);
        done[i] = std::move(slot);
      }
      cv.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < jobs; ++t) threads.emplace_back(worker);

  Status first_error;
  while (next_to_write < n) {
    std::optional<Slot> slot;
    {
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return done[next_to_write].has_value(); });
      slot = std::move(done[next_to_write]);
      done[next_to_write].reset();
    }
    for (Writer* w : writers) {
      Status st = w->Write(slot->doc, slot->result);
      if (!st.ok() && first_error.ok()) first_error = st;
    }
    if (options.on_file) options.on_file(slot->result);
    {
      std::lock_guard<std::mutex> lock(mu);
      ++next_to_write;
    }
    cv.notify_all();
  }
  for (auto& t : threads) t.join();
  for (Writer* w : writers) {
    Status st = w->Finish();
    if (!st.ok() && first_error.ok()) first_error = st;
  }
  return first_error;
}

}  // namespace agendum
