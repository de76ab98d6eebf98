// Plain-language explanations shown beside each chart: what it shows and what to look for.
export interface Explanation {
  shows: string;
  lookFor: string;
}

export const EXPLAIN: Record<string, Explanation> = {
  teacher: {
    shows: 'Your dataset has no pretrained teacher, so the lab first trains one with plain cross-entropy: its batch loss and training accuracy per step, and its test accuracy (dots) when measured.',
    lookFor: 'The loss should fall and accuracy rise. Stop whenever the teacher is good enough: distillation then starts from the teacher as it is. A better teacher usually teaches better, but not always.',
  },
  saved: {
    shows: 'Two saved runs overlaid: total loss per step (lines) and test accuracy (dots), one colour per run.',
    lookFor: 'Which run learns faster and ends higher. Runs with the same seed and dataset saw the same batches, so differences come from the method and settings.',
  },
  reproduceAcc: {
    shows: 'From a reproduce result: each method’s test accuracy at every evaluation, as the mean over seeds (line) inside a band of ±1 standard deviation (shaded).',
    lookFor: 'Bands that overlap to the end mean the seeds do not separate the methods; the paired differences in the table say it with numbers. A wide band means the outcome depends on the seed.',
  },
  reproduceLoss: {
    shows: 'From a reproduce result: each method’s total training loss, averaged over windows of steps, as the mean over seeds with a ±1 standard deviation band.',
    lookFor: 'Methods with more hints add more terms, so their loss sits higher without learning worse: compare how the curves fall, not their height.',
  },
  loss: {
    shows: 'The loss terms the student minimises, averaged over each batch: cross-entropy (CE) on the labels, one line per hint (KD: match the teacher’s softened predictions; FitNet: match its features; AT: match where it “looks”), and the meta loss: how well a one-step look-ahead of the student does on a fresh batch.',
    lookFor: 'All terms should fall. A term that rises after a live edit (dotted vertical marker) shows what the edit did. Use log scale when one term dwarfs the others.',
  },
  lr: {
    shows: 'The learning rate each step used: the schedule (cosine decay to about 0 by the last step, by default) applied to the base value. Live edits of the learning rate set that base value and show as markers.',
    lookFor: 'As the rate falls, the loss curves settle and the test accuracy stops jumping: most of the final gains come in the last part of the schedule.',
  },
  accuracy: {
    shows: 'Training accuracy on each batch (smoothed) and test accuracy at each evaluation (dots), beside the teacher’s test accuracy (grey reference line).',
    lookFor: 'How close the student gets to the teacher, and how fast. In compare mode, the run whose test line is higher learned more from the same batches.',
  },
  mix: {
    shows: 'For each hint, the mean weight the student gave it on each batch: raw v from the meta-weight network (dashed) and the ensembled ṽ that the actual step used (solid). Fixed methods stay at 1.',
    lookFor: 'Weights that drift above 1 mark a hint the meta-network found helpful on average; below 1, one it turns down. ṽ is smoother than v: that is the ensembling at work.',
  },
  heat: {
    shows: 'How the per-instance weights ṽ of each batch are spread, over training: each column is a moment in training, each row a weight bin from 0 (bottom) to 3 (top); brighter means more instances (the scale beside each strip gives the share of the batch in a bin).',
    lookFor: 'A band that widens means the network treats instances more and more differently. A band stuck at 1 means the weights are not (yet) being learned.',
  },
  scatter: {
    shows: 'One dot per probe instance (a fixed set of training images): its current loss on the chosen hint (x) against the weight ṽ it gets for that hint (y). This is the weight-versus-loss view Meta-Weight-Net users asked for.',
    lookFor: 'A downward slope means high-loss (hard or noisy) instances are turned down; upward means they are emphasised. Colour by correctness to see whether wrong predictions are treated differently.',
  },
  gallery: {
    shows: 'The probe images with their label, the student’s prediction and their current weight per hint. Sort them to see the most and the least weighted instances.',
    lookFor: 'Which images get the lowest KD weight? Often ambiguous ones where the teacher is unsure. Click one to see its weight over time.',
  },
  classes: {
    shows: 'The mean weight ṽ of each hint over the probe instances of each class.',
    lookFor: 'Classes where a hint is trusted more or less, e.g. the teacher’s logits on look-alike classes such as shirt, T-shirt and pullover.',
  },
  trajectory: {
    shows: 'The selected probe’s weights over training: ṽ per hint (solid) and raw v (dashed).',
    lookFor: 'Raw v jumps from snapshot to snapshot; ṽ follows it slowly. That gap is what the ensembling removes.',
  },
};
