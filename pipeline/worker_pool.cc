#include "pipeline/worker_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <new>
#include <optional>
#include <sstream>

#include "pipeline/document_codec.h"

namespace agendum {
namespace {

using Clock = std::chrono::steady_clock;

// Messages larger than this are a worker gone wrong, not a document: text is
// capped by IngestOptions::max_text_bytes well below it.
constexpr uint64_t kMaxMessageBytes = uint64_t{4} << 30;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

bool WriteAll(int fd, const char* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

bool ReadAll(int fd, char* data, size_t size) {
  while (size > 0) {
    ssize_t n = ::read(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

// The body of a worker process: file indexes in, encoded results out, until
// the parent closes the socket. Never returns.
[[noreturn]] void WorkerMain(const Pipeline& pipeline, const std::vector<InputFile>& files,
                             const RunOptions& options, int fd, pid_t parent) {
  // A worker outlives nothing: if the runner is killed (SIGKILL in the kill
  // test, or a user's Ctrl-C), its workers go too.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(0);
  ::signal(SIGINT, SIG_DFL);
  ::signal(SIGTERM, SIG_DFL);
  // A crash is reported by its signal; a core file of a 2 GB worker per bad
  // PDF would fill the disk of a 20,000-file batch.
  struct rlimit no_core = {0, 0};
  ::setrlimit(RLIMIT_CORE, &no_core);
  if (options.file_memory_bytes > 0 && WorkerMemoryLimitSupported()) {
    struct rlimit limit;
    limit.rlim_cur = limit.rlim_max = options.file_memory_bytes;
    ::setrlimit(RLIMIT_AS, &limit);
  }
  while (true) {
    uint64_t index;
    if (!ReadAll(fd, reinterpret_cast<char*>(&index), sizeof index) || index >= files.size()) {
      ::_exit(0);
    }
    Document doc;
    FileResult result;
    result.path = files[index].path;
    bool out_of_memory = false;
    auto start = Clock::now();
    try {
      result.status = pipeline.Process(files[index].path, &doc, &result.timings);
    } catch (const std::bad_alloc&) {
      out_of_memory = true;
    } catch (const std::exception& e) {
      result.status = Status::Corrupt(std::string("internal error: ") + e.what());
    }
    if (out_of_memory) {
      // Free what the document holds, keeping its identity for the report,
      // before building the message. The worker goes on: the allocation
      // that failed was never made.
      Document identity;
      identity.path = doc.path;
      identity.sha256 = doc.sha256;
      identity.id = doc.id;
      identity.format = doc.format;
      doc = std::move(identity);
      result.timings.clear();
      result.status = Status::OutOfMemory(
          "over the " + std::to_string(options.file_memory_bytes >> 20) + " MB limit");
    }
    result.milliseconds =
        std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    doc.raw_pages.clear();
    std::string message = EncodeResult(doc, result);
    uint64_t size = message.size();
    if (!WriteAll(fd, reinterpret_cast<const char*>(&size), sizeof size) ||
        !WriteAll(fd, message.data(), message.size())) {
      ::_exit(1);
    }
  }
}

struct Worker {
  pid_t pid = -1;
  int fd = -1;                       // parent's end of the socket pair
  std::optional<size_t> file;        // index being processed
  Clock::time_point deadline;
  std::string buffer;                // bytes of the result so far
};

std::string SignalName(int sig) {
  const char* abbrev = ::sigabbrev_np(sig);
  return "signal " + std::to_string(sig) + (abbrev ? std::string(" (SIG") + abbrev + ")" : "");
}

// What the parent can say about a file whose worker produced no result: its
// identity from the bytes, so the run report and index still name it.
void DescribeUnprocessedFile(const std::string& path, Document* doc) {
  doc->path = path;
  if (auto format = FormatForPath(path)) doc->format = *format;
  std::ifstream in(path, std::ios::binary);
  if (!in) return;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  doc->sha256 = Sha256Hex(bytes.str());
  doc->id = "doc-" + doc->sha256.substr(0, 16);
}

class Pool {
 public:
  Pool(const Pipeline& pipeline, const std::vector<InputFile>& files, const RunOptions& options)
      : pipeline_(pipeline), files_(files), options_(options) {
    size_t jobs = static_cast<size_t>(std::max(1, options.jobs));
    workers_.resize(std::min(jobs, std::max<size_t>(files.size(), 1)));
  }
  ~Pool() {
    // Closing the socket ends an idle worker; a busy one is killed.
    for (Worker& w : workers_) {
      if (w.pid <= 0) continue;
      if (w.file) ::kill(w.pid, SIGKILL);
      Stop(&w);
    }
  }

  Status Run(const std::vector<Writer*>& writers) {
    const size_t n = files_.size();
    const size_t window = workers_.size() * 2 + 2;
    std::vector<std::optional<std::string>> done(n);  // encoded results
    size_t next_to_take = 0;
    size_t next_to_write = 0;
    Status first_error;
    while (next_to_write < n) {
      for (Worker& w : workers_) {
        if (w.file || next_to_take >= n || next_to_take >= next_to_write + window) continue;
        if (w.pid <= 0) AGENDUM_RETURN_IF_ERROR(Start(&w));
        Assign(&w, next_to_take++, &done);
      }
      while (next_to_write < n && done[next_to_write]) {
        Document doc;
        FileResult result;
        Status decoded = DecodeResult(*done[next_to_write], &doc, &result);
        done[next_to_write].reset();
        if (!decoded.ok()) {
          doc = Document();
          DescribeUnprocessedFile(files_[next_to_write].path, &doc);
          result = FileResult();
          result.path = files_[next_to_write].path;
          result.status = Status::Crashed(decoded.message());
        }
        for (Writer* writer : writers) {
          Status st = writer->Write(doc, result);
          if (!st.ok() && first_error.ok()) first_error = st;
        }
        if (options_.on_file) options_.on_file(result);
        ++next_to_write;
      }
      if (next_to_write < n) AGENDUM_RETURN_IF_ERROR(Wait(&done));
    }
    return first_error;
  }

 private:
  Status Start(Worker* w) {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) != 0) {
      return Status::IoError(std::string("cannot start a worker: socketpair: ") +
                             std::strerror(errno));
    }
    pid_t parent = ::getpid();
    pid_t pid = ::fork();
    if (pid < 0) {
      ::close(fds[0]);
      ::close(fds[1]);
      return Status::IoError(std::string("cannot start a worker: fork: ") + std::strerror(errno));
    }
    if (pid == 0) {
      ::close(fds[0]);
      // Other workers' sockets would keep them from seeing their end of file.
      for (const Worker& other : workers_) {
        if (other.fd >= 0) ::close(other.fd);
      }
      WorkerMain(pipeline_, files_, options_, fds[1], parent);
    }
    ::close(fds[1]);
    ::fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    ::fcntl(fds[0], F_SETFL, ::fcntl(fds[0], F_GETFL) | O_NONBLOCK);
    w->pid = pid;
    w->fd = fds[0];
    w->buffer.clear();
    w->file.reset();
    return Status::Ok();
  }

  void Assign(Worker* w, size_t index, std::vector<std::optional<std::string>>* done) {
    w->file = index;
    w->buffer.clear();
    w->deadline = options_.file_timeout_seconds > 0
                      ? Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                           std::chrono::duration<double>(
                                               options_.file_timeout_seconds))
                      : Clock::time_point::max();
    uint64_t message = index;
    // The socket is empty while the worker is idle, so 8 bytes always fit.
    // A worker that died while idle is replaced, and the file is not blamed.
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (WriteAll(w->fd, reinterpret_cast<const char*>(&message), sizeof message)) return;
      w->file.reset();
      Stop(w);
      if (Start(w).ok()) w->file = index;
      else break;
    }
    w->file = index;
    Fail(w, done, Status::Crashed("could not hand the file to a worker"));
  }

  // Waits for a result, a death or a deadline, and handles what happened.
  Status Wait(std::vector<std::optional<std::string>>* done) {
    std::vector<pollfd> fds;
    std::vector<Worker*> busy;
    Clock::time_point deadline = Clock::time_point::max();
    for (Worker& w : workers_) {
      if (!w.file) continue;
      fds.push_back({w.fd, POLLIN, 0});
      busy.push_back(&w);
      deadline = std::min(deadline, w.deadline);
    }
    if (busy.empty()) return Status::Ok();
    int timeout_ms = -1;
    if (deadline != Clock::time_point::max()) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      timeout_ms = static_cast<int>(std::clamp<int64_t>(left.count() + 1, 0, 60'000));
    }
    int ready = ::poll(fds.data(), fds.size(), timeout_ms);
    if (ready < 0 && errno != EINTR) {
      return Status::IoError(std::string("poll on workers failed: ") + std::strerror(errno));
    }
    for (size_t i = 0; ready > 0 && i < fds.size(); ++i) {
      if (fds[i].revents) Read(busy[i], done);
    }
    auto now = Clock::now();
    for (Worker* w : busy) {
      if (w->file && now >= w->deadline) {
        ::kill(w->pid, SIGKILL);
        std::ostringstream seconds;
        seconds << options_.file_timeout_seconds;
        Fail(w, done, Status::TimedOut("no result after " + seconds.str() + " s; worker killed"));
      }
    }
    return Status::Ok();
  }

  // Takes what the worker has sent; files the result once it is complete.
  void Read(Worker* w, std::vector<std::optional<std::string>>* done) {
    char chunk[1 << 16];
    while (true) {
      ssize_t got = ::read(w->fd, chunk, sizeof chunk);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
      if (got <= 0) {
        Fail(w, done, std::nullopt);  // end of file: the worker died
        return;
      }
      w->buffer.append(chunk, static_cast<size_t>(got));
      if (w->buffer.size() < sizeof(uint64_t)) continue;
      uint64_t size;
      std::memcpy(&size, w->buffer.data(), sizeof size);
      if (size > kMaxMessageBytes) {
        ::kill(w->pid, SIGKILL);
        Fail(w, done, Status::Crashed("worker sent a malformed result"));
        return;
      }
      if (w->buffer.size() - sizeof size >= size) {
        (*done)[*w->file] = w->buffer.substr(sizeof size, size);
        w->buffer.clear();
        w->file.reset();
        return;
      }
    }
  }

  // The worker is gone or being replaced: reap it and, when it held a file,
  // file a failure for it. `why` is nullopt when the exit status says why.
  void Fail(Worker* w, std::vector<std::optional<std::string>>* done, std::optional<Status> why) {
    struct rusage usage {};
    int status = Stop(w, &usage);
    if (!w->file) return;
    size_t index = *w->file;
    w->file.reset();
    if (!why) {
      if (WIFSIGNALED(status)) {
        int sig = WTERMSIG(status);
        // Poppler's allocator aborts when malloc fails under the limit; a
        // death near the limit is reported as what it is.
        long peak_bytes = usage.ru_maxrss * 1024L;
        bool near_limit = options_.file_memory_bytes > 0 && WorkerMemoryLimitSupported() &&
                          static_cast<double>(peak_bytes) >=
                              0.5 * static_cast<double>(options_.file_memory_bytes);
        why = near_limit ? Status::OutOfMemory("over the " +
                                               std::to_string(options_.file_memory_bytes >> 20) +
                                               " MB limit (" + SignalName(sig) + ")")
                         : Status::Crashed(SignalName(sig));
      } else if (WIFEXITED(status)) {
        why = Status::Crashed("worker exited with code " + std::to_string(WEXITSTATUS(status)));
      } else {
        why = Status::Crashed("worker vanished");
      }
    }
    Document doc;
    DescribeUnprocessedFile(files_[index].path, &doc);
    FileResult result;
    result.path = files_[index].path;
    result.status = *why;
    if (why->code() == StatusCode::kTimedOut) result.milliseconds = options_.file_timeout_seconds * 1000;
    (*done)[index] = EncodeResult(doc, result);
  }

  // Closes the socket and reaps the process; returns its wait status.
  int Stop(Worker* w, struct rusage* usage = nullptr) {
    int status = 0;
    if (w->fd >= 0) ::close(w->fd);
    if (w->pid > 0) {
      struct rusage ignored;
      while (::wait4(w->pid, &status, 0, usage ? usage : &ignored) < 0 && errno == EINTR) {
      }
    }
    w->fd = -1;
    w->pid = -1;
    w->buffer.clear();
    return status;
  }

  const Pipeline& pipeline_;
  const std::vector<InputFile>& files_;
  const RunOptions& options_;
  std::vector<Worker> workers_;
};

}  // namespace

bool WorkerMemoryLimitSupported() { return !kAddressSanitizer; }

Status RunBatchInWorkers(const Pipeline& pipeline, const std::vector<InputFile>& files,
                         const RunOptions& options, const std::vector<Writer*>& writers) {
  for (Writer* w : writers) AGENDUM_RETURN_IF_ERROR(w->Begin());
  Status first_error;
  {
    Pool pool(pipeline, files, options);
    first_error = pool.Run(writers);
  }
  for (Writer* w : writers) {
    Status st = w->Finish();
    if (!st.ok() && first_error.ok()) first_error = st;
  }
  return first_error;
}

}  // namespace agendum
