import Dispatch
import Synchronization
import Foundation

/// Runs a pipeline over input files: reads, processes and writes in bounded batches, in parallel,
/// output in input order and identical for any number of workers.
public final class BatchRunner {
    public struct Summary: Sendable {
        public var documents = 0
        public var failed = 0
        public var warnings = 0
    }

    private let pipeline: Pipeline
    private let workers: WorkerPool
    public let jobs: Int
    /// Documents read before processing starts on them; bounds memory.
    public var batchSize = 512
    public var maximumDocumentBytes = 10 << 20
    /// Robustness: input bytes read before processing starts on them, so that a batch of large
    /// documents stays bounded in memory too (a batch ends at `batchSize` documents or this).
    public var batchBytes = 64 << 20

    public init(pipeline: Pipeline, jobs: Int) throws {
        self.pipeline = pipeline
        self.jobs = max(1, jobs)
        workers = WorkerPool(try (0..<max(1, jobs)).map { _ in try pipeline.makeWorker() })
    }

    /// How far a run is, reported after each batch is written.
    public struct Progress: Sendable {
        /// Documents written so far, over all paths.
        public var documents: Int
        /// Input bytes read so far, over all paths (line ends included).
        public var bytes: Int
        public init(documents: Int, bytes: Int) { self.documents = documents; self.bytes = bytes }
    }

    /// Processes `paths` (`-` for standard input) and writes JSON Lines to `output`.
    /// Errors and warnings go to `diagnostics`, one line each; `progress` hears after each batch.
    public func run(paths: [String], format: InputFormat, output: FileHandle,
                    diagnostics: (String) -> Void, progress: ((Progress) -> Void)? = nil) throws -> Summary {
        var summary = Summary()
        var bytesRead = 0
        for path in paths {
            let reader = try LineReader(path: path)
            let name = path == "-" ? "<stdin>" : path
            // Robustness: an overlong line is not held whole in memory, only enough of it to reject it.
            reader.maximumLineBytes = maximumDocumentBytes
            var lineNumber = 0
            var batch: [(line: [UInt8], number: Int, length: Int)] = []
            var pendingBytes = 0
            func flush() {
                let outcomes = process(batch, format: format, file: name)
                var bytes: [UInt8] = []
                for outcome in outcomes {
                    bytes.append(contentsOf: outcome.bytes)
                    summary.documents += 1
                    if let error = outcome.error { summary.failed += 1; diagnostics("error: \(error)") }
                    for warning in outcome.warnings { summary.warnings += 1; diagnostics("warning: \(warning)") }
                }
                output.write(Data(bytes))
                batch.removeAll(keepingCapacity: true)
                pendingBytes = 0
                progress?(Progress(documents: summary.documents, bytes: bytesRead))
            }
            while let line = try reader.next() {
                lineNumber += 1
                bytesRead += reader.lastLineLength + 1
                // A blank line is no document in JSON Lines; in text it is an empty one.
                if format == .jsonl && line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                batch.append((line, lineNumber, reader.lastLineLength))
                pendingBytes += line.count
                if batch.count >= batchSize || pendingBytes >= batchBytes { flush() }
            }
            if !batch.isEmpty { flush() }
        }
        return summary
    }

    private func process(_ batch: [(line: [UInt8], number: Int, length: Int)], format: InputFormat, file: String) -> [RecordOutcome] {
        let maximum = maximumDocumentBytes
        let pool = self.workers
        @Sendable func process(_ item: (line: [UInt8], number: Int, length: Int), _ worker: PipelineWorker) -> RecordOutcome {
            // A line the reader cut short is rejected with its full length.
            if item.length > maximum {
                return PipelineWorker.tooLarge(lineNumber: item.number, length: item.length, maximumBytes: maximum, file: file)
            }
            return worker.process(line: item.line, lineNumber: item.number, format: format, file: file, maximumBytes: maximum)
        }
        if jobs == 1 || batch.count < 2 {
            return batch.map { process($0, pool.workers[0]) }
        }
        let results = ResultSlots(count: batch.count)
        let jobs = min(self.jobs, batch.count)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: jobs) { job in
            // Each worker takes the next document not yet taken: documents differ in length by
            // orders of magnitude, and a fixed share would leave one core idle at the batch's end.
            while true {
                let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard k < batch.count else { break }
                results.set(k, process(batch[k], pool.workers[job]))
            }
        }
        return results.values()
    }
}

/// The workers, one per thread: each is used by exactly one `concurrentPerform` iteration at a time.
private final class WorkerPool: @unchecked Sendable {
    let workers: [PipelineWorker]
    init(_ workers: [PipelineWorker]) { self.workers = workers }
}

/// Slots that parallel workers fill at distinct indices.
private final class ResultSlots: @unchecked Sendable {
    // Each index is written by exactly one worker and read after all have finished.
    // Robustness (ThreadSanitizer): the slots are one fixed allocation written through a constant
    // pointer. They were an array property written with `withUnsafeMutableBufferPointer`, which
    // reads and writes the property itself back on every call: a data race between workers.
    private let slots: UnsafeMutableBufferPointer<RecordOutcome?>
    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }
    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
    func set(_ i: Int, _ value: RecordOutcome) { slots[i] = value }
    func values() -> [RecordOutcome] { slots.map { $0! } }
}
