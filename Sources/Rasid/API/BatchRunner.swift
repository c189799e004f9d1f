import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a pipeline over input files and writes JSON Lines: one output record per input record, in
/// input order, the same bytes for any number of workers.
///
/// With several workers, reading, processing and writing overlap: the calling thread reads
/// documents and hands them to worker threads, and writes each result as soon as every earlier one
/// is written. What is in flight (read and not yet written) is bounded in documents and bytes, so
/// memory stays flat however long the input; the bound is also how far reading may run ahead of
/// a long document that holds up writing.
public final class BatchRunner {
    public struct Summary: Sendable {
        public var documents = 0
        public var failed = 0
        public var warnings = 0
    }

    private let pipeline: Pipeline
    private let workers: [PipelineWorker]
    public let jobs: Int
    /// The most documents read and not yet written (with more than one job).
    public var maximumDocumentsInFlight = 512
    /// Robustness: the most input bytes read and not yet written, so that large documents stay
    /// bounded in memory too. A single larger document is still processed, alone.
    public var maximumBytesInFlight = 64 << 20
    public var maximumDocumentBytes = 10 << 20

    /// Tests: hears on the calling thread, as each document is handed to the workers, how many
    /// documents and input bytes are then in flight, that one included.
    var inFlightObserver: ((_ documents: Int, _ bytes: Int) -> Void)?
    /// Tests: hears on a worker thread, before it processes them, each document's index in the run.
    var processingObserver: (@Sendable (_ index: Int) -> Void)?

    public init(pipeline: Pipeline, jobs: Int) throws {
        self.pipeline = pipeline
        self.jobs = max(1, jobs)
        workers = try (0..<self.jobs).map { _ in try pipeline.makeWorker() }
    }

    /// How far a run is, reported as output is written.
    public struct Progress: Sendable {
        /// Documents written so far, over all paths.
        public var documents: Int
        /// Input bytes read so far, over all paths (line ends included), up to the last document written.
        public var bytes: Int
        public init(documents: Int, bytes: Int) { self.documents = documents; self.bytes = bytes }
    }

    /// Output bytes gathered before a write: few system calls, little memory.
    static let outputChunkBytes = 256 << 10
    /// With several jobs, how many results the writing thread lets be done before it wakes.
    static let wakeBatch = 64

    /// Processes `paths` (`-` for standard input) and writes JSON Lines to `output`.
    /// Errors and warnings go to `diagnostics`, one line each, in input order; `progress` hears as
    /// output is written. Both are called on the calling thread.
    public func run(paths: [String], format: InputFormat, output: FileHandle,
                    diagnostics: (String) -> Void, progress: ((Progress) -> Void)? = nil) throws -> Summary {
        var summary = Summary()
        // Output gathered for the next write. With one job, documents are written into it as they
        // are processed; with more, each result is copied in.
        var pending = JSONWriter(capacity: Self.outputChunkBytes + (64 << 10))
        var bytesWritten = 0
        func flush() {
            if pending.count > 0 {
                // The buffer itself, not a `Data` copy of it (`write(_:)` is this with `try!`).
                pending.withUnsafeBytes { try! output.write(contentsOf: $0) }
                pending.removeLast(pending.count)
            }
            progress?(Progress(documents: summary.documents, bytes: bytesWritten))
        }
        /// Counts a document whose output line is in `pending`, and writes out a full chunk.
        func account(_ report: PipelineWorker.Report, bytesThrough: Int) {
            summary.documents += 1
            bytesWritten = bytesThrough
            if let error = report.error { summary.failed += 1; diagnostics("error: \(error)") }
            for warning in report.warnings { summary.warnings += 1; diagnostics("warning: \(warning)") }
            if pending.count >= Self.outputChunkBytes { flush() }
        }
        func write(_ result: ProcessedDocument) {
            result.output.writer.withUnsafeBytes { pending.raw($0) }
            account(result.report, bytesThrough: result.bytesThrough)
        }

        let limit = maximumDocumentBytes
        let processingObserver = self.processingObserver

        // One job: no threads and no hand-over per document, nothing but the pipeline's own work.
        if jobs == 1 {
            do {
                try readDocuments(paths, format: format) { document in
                    processingObserver?(document.index)
                    let report = document.process(with: workers[0], format: format, maximumBytes: limit, to: &pending)
                    account(report, bytesThrough: document.bytesThrough)
                }
            } catch {
                flush()
                throw error
            }
            flush()
            return summary
        }

        let process: @Sendable (QueuedDocument, PipelineWorker) -> ProcessedDocument = { document, worker in
            processingObserver?(document.index)
            let output = OutputLine()
            let report = document.process(with: worker, format: format, maximumBytes: limit, to: &output.writer)
            return ProcessedDocument(output: output, report: report, bytesThrough: document.bytesThrough,
                                     inputBytes: document.line.count)
        }
        let threads = OrderedWorkerThreads(workers: workers, process: process)
        var read = 0, written = 0, bytesInFlight = 0
        /// Writes the next result in input order: if it is done, or, when `wait`, once it is.
        func writeNext(wait: Bool) -> Bool {
            guard written < read else { return false }
            let result: ProcessedDocument
            if let done = threads.result(written) {
                result = done
            } else if wait {
                // Out goes what is done before this thread sleeps, so output streams.
                flush()
                // Woken once a batch of results is done, not at each one: on two cores this thread
                // is a third, and a wake per document (8,242 on the 20 MB corpus) took a core from
                // a worker each time. With two jobs, system time went from 0.15-0.19 s to 0.02-0.05 s
                // and wall time from 0.71-0.83 s to 0.61-0.67 s (three interleaved runs). A quarter
                // of what is in flight at most, so the workers' queue never runs dry meanwhile.
                let wakeAt = written + min(Self.wakeBatch, (read - written) / 4)
                result = threads.waitForResult(written, wakingAt: wakeAt)
            } else {
                return false
            }
            written += 1
            bytesInFlight -= result.inputBytes
            write(result)
            return true
        }
        var failure: (any Error)?
        do {
            try readDocuments(paths, format: format) { document in
                // Room first: the document count, and the bytes unless nothing else is in flight.
                while read - written >= maximumDocumentsInFlight
                        || (written < read && bytesInFlight + document.line.count > maximumBytesInFlight) {
                    _ = writeNext(wait: true)
                }
                threads.submit(document)
                read += 1
                bytesInFlight += document.line.count
                inFlightObserver?(read - written, bytesInFlight)
                while writeNext(wait: false) {}
            }
        } catch {
            // What was read before the failure is still written, as without threads.
            failure = error
        }
        while writeNext(wait: true) {}
        threads.finish()
        flush()
        if let failure { throw failure }
        return summary
    }

    /// Reads the documents of `paths` in order and hands each to `body`: every line, except blank
    /// lines in JSON Lines, numbered within its file.
    private func readDocuments(_ paths: [String], format: InputFormat, _ body: (QueuedDocument) throws -> Void) throws {
        var index = 0
        var bytesRead = 0
        for path in paths {
            let reader = try LineReader(path: path)
            let name = path == "-" ? "<stdin>" : path
            // Robustness: an overlong line is not held whole in memory, only enough of it to reject it.
            reader.maximumLineBytes = maximumDocumentBytes
            var lineNumber = 0
            while let line = try reader.next() {
                lineNumber += 1
                bytesRead += reader.lastLineLength + 1
                // A blank line is no document in JSON Lines; in text it is an empty one.
                if format == .jsonl && line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                try body(QueuedDocument(index: index, line: line, lineNumber: lineNumber, length: reader.lastLineLength,
                                        file: name, bytesThrough: bytesRead))
                index += 1
            }
        }
    }
}

/// One input line on its way to a worker.
struct QueuedDocument: Sendable {
    /// Its position among all the run's documents: the order output is written in.
    var index: Int
    var line: [UInt8]
    var lineNumber: Int
    /// The line's full length, more than `line.count` when the reader cut an overlong line short.
    var length: Int
    /// The input's name in messages.
    var file: String
    /// Input bytes read up to the end of this line, over all paths (progress).
    var bytesThrough: Int

    /// Processes the line with `worker`, its output line appended to `w`.
    func process(with worker: PipelineWorker, format: InputFormat, maximumBytes: Int, to w: inout JSONWriter) -> PipelineWorker.Report {
        // A line the reader cut short is rejected with its full length.
        if length > maximumBytes {
            return PipelineWorker.tooLarge(lineNumber: lineNumber, length: length, maximumBytes: maximumBytes, file: file, to: &w)
        }
        return worker.process(line: line, lineNumber: lineNumber, format: format, file: file, maximumBytes: maximumBytes, to: &w)
    }
}

/// A document's result, with what the writer needs to account for it.
struct ProcessedDocument: Sendable {
    /// The output line, written into by the worker thread and read by the writing one.
    var output: OutputLine
    var report: PipelineWorker.Report
    var bytesThrough: Int
    /// The bytes the document held in flight.
    var inputBytes: Int
}

/// A document's output line as its worker wrote it, handed to the writing thread as it is: copied
/// into an array there and then into the output buffer, every output byte was copied twice (a
/// `[UInt8]` per document, 4.7M instructions on c1 with two jobs).
///
/// A line waiting to be written holds the writer's whole buffer: `PipelineWorker.process` reserves
/// about four times the input line at once, and a longer output grows it by doubling, so about
/// four times the input, or up to twice the output line, which the bound on bytes in flight (input
/// bytes) does not count. Not shrunk: a copy to the exact size is the copy this spares.
///
/// Unchecked: the worker thread writes it before handing it over under the results' lock, and only
/// the writing thread reads it after.
final class OutputLine: @unchecked Sendable {
    var writer = JSONWriter()
}

/// One thread per pipeline worker, each taking the next document queued as soon as it is free
/// (documents differ in length by orders of magnitude, so a fixed share would leave cores idle),
/// and results kept by document index until the caller takes them, in order.
///
/// It does not bound anything itself: the caller submits no more than it is ready to hold.
///
/// A monitor: one lock and one condition guard all the state, and workers and the caller wait on
/// that condition. An `NSCondition` (a pthread mutex and condition variable) rather than
/// Synchronization's `Mutex`, because ThreadSanitizer sees pthread locks but not the futex `Mutex`
/// uses on Linux, and so reports the accesses a contended `Mutex` guards as races.
private final class OrderedWorkerThreads: @unchecked Sendable {
    private let condition = NSCondition()
    // Read and written only with `condition` locked.
    /// Documents submitted and not yet taken by a worker, oldest first from `head`.
    private var queue: [QueuedDocument] = []
    private var head = 0
    private var results: [Int: ProcessedDocument] = [:]
    private var finished = false
    /// The index of the result the caller waits for, -1 when it does not wait.
    private var awaited = -1
    private var threads: [JoinableThread] = []

    /// A worker is not thread-safe; each is handed to exactly one thread.
    private struct OwnedWorker: @unchecked Sendable { let worker: PipelineWorker }

    init(workers: [PipelineWorker], process: @escaping @Sendable (QueuedDocument, PipelineWorker) -> ProcessedDocument) {
        threads = workers.map(OwnedWorker.init).map { worker in
            // The stack a single-threaded run has on the main thread, so that no document needs
            // more than that on a worker.
            JoinableThread(stackSize: 8 << 20) { [self] in
                while let document = nextDocument() {
                    let result = process(document, worker.worker)
                    locked {
                        results[document.index] = result
                        // Broadcast, as idle workers wait on the same condition; but only for the
                        // result the caller waits for, not for every result done ahead of it.
                        if document.index == awaited { condition.broadcast() }
                    }
                }
            }
        }
    }

    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }

    func submit(_ document: QueuedDocument) {
        locked {
            queue.append(document)
            condition.broadcast()
        }
    }

    /// The next document to process, or nil once `finish` was called and none is left: the thread ends.
    private func nextDocument() -> QueuedDocument? {
        locked {
            while head == queue.count && !finished { condition.wait() }
            guard head < queue.count else { return nil }
            let document = queue[head]
            head += 1
            // Drop taken documents now and then, so the queue's storage stays bounded.
            if head >= 64 && head * 2 >= queue.count {
                queue.removeFirst(head)
                head = 0
            }
            return document
        }
    }

    /// The result of document `index` if it is done, taken out.
    func result(_ index: Int) -> ProcessedDocument? {
        locked { results.removeValue(forKey: index) }
    }

    /// The result of document `index`, submitted earlier, once it is done, and not before
    /// document `wakeAt` (`index` or later, submitted) is done too.
    func waitForResult(_ index: Int, wakingAt wakeAt: Int) -> ProcessedDocument {
        locked {
            awaited = wakeAt
            while results[index] == nil || (awaited > index && results[awaited] == nil) {
                // The later one is done but this one is not (a long document): wait for this one.
                if awaited > index && results[awaited] != nil { awaited = index; continue }
                condition.wait()
            }
            awaited = -1
            return results.removeValue(forKey: index)!
        }
    }

    /// Lets the threads end once the queue is empty, and waits until they have.
    func finish() {
        locked {
            finished = true
            condition.broadcast()
        }
        for thread in threads { thread.join() }
    }
}

/// A thread that can be joined: everything it did, releasing what its closure held included,
/// happens before `join` returns (Foundation's `Thread` ends on its own, unobserved).
private final class JoinableThread {
    private let thread: pthread_t

    private final class Body {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    init(stackSize: Int, _ run: @escaping @Sendable () -> Void) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        let body = Unmanaged.passRetained(Body(run)).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t?
        #else
        var thread = pthread_t()
        #endif
        let status = pthread_create(&thread, &attributes, { body in
            // Runs the body and releases it, before the thread ends.
            Unmanaged<Body>.fromOpaque(JoinableThread.nonNil(body)).takeRetainedValue().run()
            return nil
        }, body)
        precondition(status == 0, "cannot start a thread: error \(status)")
        #if canImport(Darwin)
        self.thread = thread!
        #else
        self.thread = thread
        #endif
    }

    /// The start routine's argument is optional on Linux, not on Darwin.
    private static func nonNil(_ pointer: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer { pointer! }

    func join() {
        pthread_join(thread, nil)
    }
}
