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
    shows: 'Two saved runs overlaid, one colour per run: total loss per step (solid lines, left axis) and test accuracy (dashed, with dots, right axis).',
    lookFor: 'Which run learns faster and ends higher. Runs with the same seed and dataset saw the same batches, so differences come from the method and settings; but one seed is one draw, and a small gap may be noise (the reproduce view repeats runs over seeds).',
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
    lookFor: 'CE usually falls; a hint term can stay flat or even rise while the student trades it against the others. The raw terms have different scales: tick Weighted to see each as the amount it adds to the total (γ·CE and β·L; a small AT loss counts ×100). A change after a live edit (dotted vertical marker) shows what the edit did. Use log scale when one term dwarfs the others.',
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
    lookFor: 'Weights that drift above 1 mark a hint the meta-network found helpful on average; below 1, one it turns down. In the first epoch every instance is new, so ṽ equals v; the gap between them appears from the second epoch, when ṽ averages each instance’s past weights.',
  },
  heat: {
    shows: 'How the per-instance weights ṽ of each batch are spread, over training: each column is a moment in training, each row a weight bin from 0 (bottom) to 3 (top); brighter means more instances (the scale beside each strip gives the share of the batch in a bin).',
    lookFor: 'A band that widens means the network treats instances more and more differently. A band stuck at 1 means the weights are not (yet) being learned.',
  },
  scatter: {
    shows: 'One dot per probe instance (a fixed set of training images): its current loss on the chosen hint (x) against its weight for that hint (y): v now, what the meta-weight network gives it at this snapshot, or the stored ṽ, which changes only when the image is in a batch. This is the weight-versus-loss view Meta-Weight-Net users asked for.',
    lookFor: 'A downward slope means high-loss (hard or noisy) instances are turned down; upward means they are emphasised. Colour by correctness to see whether wrong predictions are treated differently.',
  },
  gallery: {
    shows: 'The probe images with their label, the student’s prediction and, per hint, the weight v the meta-weight network gives them now, then their stored ṽ and the step it was last updated (ṽ changes only when the image is in a batch). Sorting by weight uses v now.',
    lookFor: 'Which images does the network weight lowest for KD now, and does the student get them wrong (prediction in red)? Click one to see its weights over time.',
  },
  classes: {
    shows: 'The mean stored weight ṽ of each hint over the probe instances of each class.',
    lookFor: 'Classes where a hint is trusted more or less, e.g. the teacher’s logits on look-alike classes such as shirt, T-shirt and pullover.',
  },
  trajectory: {
    shows: 'The selected probe’s weights at each snapshot: its stored ṽ per hint (solid) and v now, the meta-weight network’s weight for it at that snapshot (dashed).',
    lookFor: 'ṽ changes only at the steps when this image is in a batch, so it stays flat for up to an epoch while v moves; the step of its last update is under the chart. In the first epoch ṽ is the v of that one visit; from the second it averages the visits.',
  },
};
